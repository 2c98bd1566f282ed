package dev.pitwall.postmortems;

import dev.pitwall.incidents.IncidentStatus;

/**
 * May this postmortem be published now? Only after review, only once the incident is resolved
 * (publishing closes it), and with open blameless-review findings only when someone publishes
 * anyway and says why.
 */
final class PublicationPolicy {

    private PublicationPolicy() {}

    /**
     * @param refusedField for a refusal caused by the request itself (a missing reason), the field
     *     to name; null when the state refuses
     */
    record Decision(boolean allowed, String reason, String refusedField) {

        static Decision allow(String reason) {
            return new Decision(true, reason, null);
        }

        static Decision refuse(String reason) {
            return new Decision(false, reason, null);
        }
    }

    static Decision decide(
            PostmortemStatus status,
            long incidentId,
            IncidentStatus incident,
            int openFindings,
            boolean anyway,
            String reason) {
        if (status == PostmortemStatus.PUBLISHED) {
            return Decision.refuse("The postmortem is published already");
        }
        if (status == PostmortemStatus.DRAFT) {
            return Decision.refuse(
                    "A draft is submitted for review before it is published (draft → in review →" + " published)");
        }
        if (incident.isOpen()) {
            return Decision.refuse("Incident #" + incidentId + " is still " + incident.label()
                    + "; resolve it first: publishing the postmortem closes the incident");
        }
        if (openFindings == 0) {
            return Decision.allow("the blameless review has no open findings");
        }
        String findings = openFindings + (openFindings == 1 ? " open finding" : " open findings");
        if (!anyway) {
            return Decision.refuse("The blameless review has " + findings + "; reword the phrases, dismiss a finding"
                    + " with a reason, or publish anyway with a reason");
        }
        if (reason == null || reason.isBlank()) {
            return new Decision(
                    false, "Publishing anyway with " + findings + " needs a reason, which is recorded", "reason");
        }
        return Decision.allow("published anyway with " + findings + " of the blameless review: " + reason.trim());
    }
}
