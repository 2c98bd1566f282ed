package dev.pitwall.incidents;

import dev.pitwall.system.Actor;
import dev.pitwall.system.InvalidInputException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grouping rules in force: stored (from pitwall.yaml or the settings page), defaults until
 * someone sets them. Grouping reads them for every batch of signals, so they are cached for a few
 * seconds; a change on another node takes effect within that time.
 */
@Component
class GroupingSettings {

    private static final long TTL_MILLIS = 5_000;

    private final IncidentRepository repository;
    private final Clock clock;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    private record Cached(GroupingRules rules, long loadedAt) {}

    GroupingSettings(IncidentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The rules now; joins the caller's transaction when there is one. */
    @Transactional(readOnly = true)
    GroupingRules current() {
        Cached cached = cache.get();
        long now = clock.millis();
        if (cached != null && now - cached.loadedAt() < TTL_MILLIS) {
            return cached.rules();
        }
        GroupingRules rules =
                repository.rules().map(IncidentRepository.StoredRules::rules).orElse(GroupingRules.DEFAULTS);
        cache.set(new Cached(rules, now));
        return rules;
    }

    /** The rules with who set them last; defaults are reported as such. */
    @Transactional(readOnly = true)
    IncidentRepository.StoredRules stored() {
        return repository
                .rules()
                .orElse(new IncidentRepository.StoredRules(GroupingRules.DEFAULTS, "default", "Pitwall", null));
    }

    @Transactional
    GroupingRules save(GroupingRules rules, String source, Actor actor) {
        List<String[]> problems = rules.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    problems.getFirst()[0], problems.getFirst()[0] + " " + problems.getFirst()[1]);
        }
        repository.saveRules(rules, source, actor.display(), clock.instant());
        cache.set(null);
        return rules;
    }

    @Transactional
    void releaseFromConfig() {
        repository.releaseRulesFromConfig();
        cache.set(null);
    }
}
