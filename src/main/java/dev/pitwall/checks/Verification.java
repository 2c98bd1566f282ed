package dev.pitwall.checks;

import dev.pitwall.changes.ChangeVerification;
import java.time.Instant;
import java.util.Locale;

/**
 * The post-deploy verification of one change: the checks of the changed service run at once and
 * every few seconds through the watch window. It fails when a check crosses its threshold there (a
 * critical check on its first failure), and passes when the window ends without that.
 *
 * @param rounds how many rounds of the verification's checks have been started
 * @param firstPassAt when a round first passed in full (what CI waits for)
 * @param hookState {@code none} (no rollback hook), {@code pending}, {@code delivered} or {@code failed}
 */
record Verification(
        long id,
        long changeId,
        String service,
        String environment,
        String changeKind,
        String version,
        String previousVersion,
        String changeLabel,
        Instant changeFinishedAt,
        Instant startedAt,
        Instant endsAt,
        Status status,
        String summary,
        int rounds,
        Instant firstPassAt,
        Instant failedAt,
        Long failedCheckId,
        String failure,
        Instant endedAt,
        String hookUrl,
        String hookState,
        int hookAttempts,
        Integer hookStatusCode,
        String hookReply,
        String hookError,
        Instant hookCalledAt) {

    enum Status {
        NONE,
        RUNNING,
        PASSED,
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        ChangeVerification reported() {
            return ChangeVerification.valueOf(name());
        }
    }

    /** How the window reads in a reason: "the verification window of proposals-app 2.14.0". */
    String window() {
        return "the verification window of " + changeLabel;
    }
}
