package dev.pitwall.checks;

import java.time.Duration;
import java.util.List;

/** One step of a check's journey: an HTTP request, a TCP connect or a DNS lookup. */
sealed interface StepDefinition permits HttpStep, TcpStep, DnsStep {

    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    /** A name later steps use to refer to this step's response, such as {@code login}. */
    String name();

    Duration timeout();

    List<Assertion> assertions();

    /** {@code http}, {@code tcp} or {@code dns}. */
    String kind();

    /** What the step reaches, as written (templates unresolved). */
    String target();
}
