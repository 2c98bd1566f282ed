package dev.pitwall.postmortems;

import dev.pitwall.checks.VerificationPassed;
import dev.pitwall.incidents.IncidentResolved;
import dev.pitwall.system.Actor;
import dev.pitwall.system.DurableEventListener;
import org.springframework.stereotype.Component;

/**
 * What other modules' events start here: a resolved incident gets its postmortem draft at once,
 * and a passed verification may finish safeguard items. Both are durable, so a restart loses
 * neither; each runs once, in its own transaction.
 */
@Component
class PostmortemTriggers {

    private final PostmortemService postmortems;
    private final ActionItemService items;

    PostmortemTriggers(PostmortemService postmortems, ActionItemService items) {
        this.postmortems = postmortems;
        this.items = items;
    }

    @DurableEventListener
    void onIncidentResolved(IncidentResolved event) {
        postmortems.draft(event.incidentId(), Actor.PITWALL, "when the incident was resolved");
    }

    @DurableEventListener
    void onVerificationPassed(VerificationPassed event) {
        items.verificationPassed(event);
    }
}
