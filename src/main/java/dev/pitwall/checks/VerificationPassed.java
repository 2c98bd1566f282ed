package dev.pitwall.checks;

import java.time.Instant;
import java.util.List;

/**
 * A post-deploy verification passed: the checks of a changed service ran through its watch window
 * (or until a later change superseded it) without crossing their thresholds. Published durably
 * ({@code @DurableEventListener}) in the transaction that ends the verification; postmortems uses
 * it to close safeguard action items whose check has proven itself after a deploy.
 *
 * @param change how the change reads, such as {@code proposals-app 2.15.0}
 * @param checkIds the checks that ran in the verification (at least one result each)
 * @param startedAt when the verification started, right after the change finished
 * @param passedAt when it passed
 */
public record VerificationPassed(
        long changeId,
        String service,
        String environment,
        String change,
        List<Long> checkIds,
        Instant startedAt,
        Instant passedAt) {

    public VerificationPassed {
        checkIds = List.copyOf(checkIds);
    }
}
