package dev.pitwall.checks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Resolves {@code host}. Without a {@code server} the system resolver answers A and AAAA lookups
 * (as the services themselves would resolve the name); other record types, or a named server, go
 * through a DNS query.
 */
record DnsStep(String name, String host, String recordType, String server, Duration timeout, List<Assertion> assertions)
        implements StepDefinition {

    static final Set<String> RECORD_TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "PTR", "SOA");

    DnsStep {
        assertions = List.copyOf(assertions);
    }

    @Override
    public String kind() {
        return "dns";
    }

    @Override
    public String target() {
        return recordType + " " + host + (server == null ? "" : " @" + server);
    }
}
