package dev.pitwall.checks;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one kind of step against the outside world and reports what it saw. Implementations never
 * block the caller and never fail the future: a refused connection, a timeout or a blocked target
 * is an observation ({@link StepObservation#failed}), and each honours the step's timeout, so a
 * hung target never holds up other checks.
 */
interface Probe<C extends StepCall> {

    CompletableFuture<StepObservation> observe(C call);
}
