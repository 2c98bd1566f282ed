package dev.pitwall.postmortems;

import dev.pitwall.incidents.DetectionSource;
import java.time.Instant;

/**
 * How an incident came to light, and whether customers found it before Pitwall did.
 *
 * @param firstCustomerReportAt when the first customer report joined the incident; null without one
 * @param firstPitwallSignalAt when the first check or alert signal joined it; null without one
 * @param reason one sentence saying why {@code customersFirst} is what it is
 */
record Detection(
        DetectionSource source,
        boolean customersFirst,
        Instant firstCustomerReportAt,
        Instant firstPitwallSignalAt,
        String reason) {}
