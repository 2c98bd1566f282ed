package dev.pitwall.checks;

import java.time.Duration;
import java.util.List;

/** Opens a TCP connection to {@code host:port} and closes it again. */
record TcpStep(String name, String host, int port, Duration timeout, List<Assertion> assertions)
        implements StepDefinition {

    TcpStep {
        assertions = List.copyOf(assertions);
    }

    @Override
    public String kind() {
        return "tcp";
    }

    @Override
    public String target() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
