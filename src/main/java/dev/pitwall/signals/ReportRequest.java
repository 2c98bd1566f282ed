package dev.pitwall.signals;

import java.time.Instant;

/**
 * A customer report, from {@code POST /api/v1/reports} or the "Report a problem" form.
 *
 * @param customer the customer or account id (internal: never shown on the public status page)
 * @param problem what the customer cannot do, in their words ("can't see their line items")
 * @param service the service, when the reporter knows it
 * @param customersAffected how many customers the reporter knows to be affected; 1 when not said
 * @param widespread the reporter says many customers are affected
 */
record ReportRequest(
        String customer,
        String problem,
        String service,
        String environment,
        Integer customersAffected,
        Boolean widespread,
        Instant occurredAt) {}
