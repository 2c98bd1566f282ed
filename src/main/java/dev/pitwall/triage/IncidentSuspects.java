package dev.pitwall.triage;

import dev.pitwall.incidents.IncidentView;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.system.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The triage module's read service for other modules (postmortems, insights): the stored suspect
 * changes of an incident with their reasons and marks, and its confirmed causes.
 */
@Component
public class IncidentSuspects {

    private final Incidents incidents;
    private final SuspectRepository repository;
    private final SuspectRanker ranker;
    private final TransactionTemplate reads;

    IncidentSuspects(
            Incidents incidents,
            SuspectRepository repository,
            SuspectRanker ranker,
            PlatformTransactionManager transactions) {
        this.incidents = incidents;
        this.repository = repository;
        this.ranker = ranker;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
    }

    /**
     * The incident's suspects as last ranked; an incident that was never ranked (one resolved
     * before triage ran, say) is ranked now and stored.
     *
     * @throws NotFoundException for an unknown incident
     */
    public SuspectList suspects(long incidentId) {
        IncidentView incident =
                incidents.find(incidentId).orElseThrow(() -> NotFoundException.of("incident", incidentId));
        SuspectList stored = stored(incidentId);
        if (stored != null) {
            return stored;
        }
        ranker.rankIfNeverRanked(incident);
        return stored(incidentId);
    }

    /** The changes responders confirmed as the incident's causes, in the order they were confirmed; empty when none. */
    public List<Long> confirmedCauses(long incidentId) {
        return reads.execute(s -> repository.confirmedCauses(incidentId));
    }

    /** The stored ranking, or null when the incident was never ranked. */
    SuspectList stored(long incidentId) {
        return reads.execute(s -> repository
                .ranking(incidentId)
                .map(ranking -> {
                    List<RankedSuspect> ranked = new ArrayList<>();
                    List<RankedSuspect> during = new ArrayList<>();
                    for (SuspectRepository.SuspectRow row : repository.suspects(incidentId)) {
                        (row.section().equals(SuspectRepository.RANKED) ? ranked : during).add(row.suspect());
                    }
                    Instant rankedAt = ranking.rankedAt();
                    return new SuspectList(incidentId, rankedAt, ranking.candidates(), ranked, during);
                })
                .orElse(null));
    }
}
