package dev.pitwall.triage;

import dev.pitwall.incidents.IncidentPanel;
import org.springframework.stereotype.Component;

/** The "Suspect changes" section of the incident page, served by {@link SuspectPagesController}. */
@Component
class SuspectChangesPanel implements IncidentPanel {

    @Override
    public String title() {
        return "Suspect changes";
    }

    @Override
    public String path(long incidentId) {
        return "/triage/incidents/" + incidentId + "/suspects";
    }

    @Override
    public int order() {
        return 10;
    }
}
