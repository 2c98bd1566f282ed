package dev.pitwall.checks;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** TCP steps: connects (within the step's timeout) and closes the connection again. */
final class TcpProbe implements Probe<StepCall.Tcp> {

    private final TargetGuard guard;
    private final Executor blocking;

    TcpProbe(TargetGuard guard, Executor blocking) {
        this.guard = guard;
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<StepObservation> observe(StepCall.Tcp call) {
        TcpStep step = call.step();
        String target = step.target();
        long timeout = step.timeout().toMillis();
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                List<InetSocketAddress> addresses =
                                        GuardedResolver.resolve(guard, step.host(), step.port());
                                try (Socket socket = new Socket()) {
                                    socket.connect(addresses.getFirst(), (int) timeout);
                                }
                                double ms = StepTimings.millisSince(start, System.nanoTime());
                                return StepObservation.connected(target, new StepTimings(ms, null, ms));
                            } catch (Exception e) {
                                return StepObservation.failed(
                                        target,
                                        ProbeErrors.describe(e, target, timeout),
                                        StepTimings.total(StepTimings.millisSince(start, System.nanoTime())));
                            }
                        },
                        blocking)
                .completeOnTimeout(null, timeout + 1000, TimeUnit.MILLISECONDS)
                .thenApply(seen -> seen != null
                        ? seen
                        : StepObservation.failed(
                                target,
                                "no connection to " + target + " within " + StepTimings.format(timeout),
                                StepTimings.total(StepTimings.millisSince(start, System.nanoTime()))));
    }
}
