package dev.pitwall.triage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the ranking needs to know about an incident.
 *
 * @param impactStart when users were first affected (the earliest signal, or a responder's correction)
 * @param environment where the incident is, such as {@code production}; null when unknown
 * @param services the affected services, named as in the catalog
 * @param texts what the incident's signals say: alert titles and label values, customer reports
 * @param failingChecks the synthetic checks that fail, with the URLs they probe
 * @param verificationFailed ids of changes whose post-deploy verification failed
 * @param verificationPassed ids of changes whose post-deploy verification passed
 */
public record IncidentFacts(
        Instant impactStart,
        String environment,
        Set<String> services,
        List<String> texts,
        List<FailingCheck> failingChecks,
        Set<Long> verificationFailed,
        Set<Long> verificationPassed) {

    public IncidentFacts {
        Objects.requireNonNull(impactStart, "impactStart");
        services = services == null ? Set.of() : Set.copyOf(services);
        texts = texts == null ? List.of() : List.copyOf(texts);
        failingChecks = failingChecks == null ? List.of() : List.copyOf(failingChecks);
        verificationFailed = verificationFailed == null ? Set.of() : Set.copyOf(verificationFailed);
        verificationPassed = verificationPassed == null ? Set.of() : Set.copyOf(verificationPassed);
    }
}
