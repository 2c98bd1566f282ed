package dev.pitwall.checks;

import java.net.URI;
import java.util.Map;

/** A step ready to run: its placeholders filled in for this run. */
sealed interface StepCall permits StepCall.Http, StepCall.Tcp, StepCall.Dns {

    StepDefinition step();

    /** @param cookie the cookies earlier steps of the same run received from this host, or null */
    record Http(HttpStep step, String method, URI url, Map<String, String> headers, String body, String cookie)
            implements StepCall {}

    record Tcp(TcpStep step) implements StepCall {}

    record Dns(DnsStep step) implements StepCall {}
}
