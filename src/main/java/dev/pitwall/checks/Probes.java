package dev.pitwall.checks;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The probe of each step kind, and the virtual threads for the blocking bits (name lookups, TCP, DNS). */
final class Probes implements AutoCloseable {

    private final Probe<StepCall.Http> http;
    private final Probe<StepCall.Tcp> tcp;
    private final Probe<StepCall.Dns> dns;
    private final ExecutorService blocking;

    Probes(Probe<StepCall.Http> http, Probe<StepCall.Tcp> tcp, Probe<StepCall.Dns> dns, ExecutorService blocking) {
        this.http = http;
        this.tcp = tcp;
        this.dns = dns;
        this.blocking = blocking;
    }

    static Probes start(TargetGuard guard, int maxConcurrency, Clock clock) {
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("pitwall-probe-", 0).factory());
        return new Probes(
                new HttpProbe(guard, maxConcurrency, blocking, new CertificateReader(guard, clock)),
                new TcpProbe(guard, blocking),
                new DnsProbe(blocking),
                blocking);
    }

    CompletableFuture<StepObservation> observe(StepCall call) {
        return switch (call) {
            case StepCall.Http h -> http.observe(h);
            case StepCall.Tcp t -> tcp.observe(t);
            case StepCall.Dns d -> dns.observe(d);
        };
    }

    @Override
    public void close() {
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
        blocking.shutdownNow();
    }
}
