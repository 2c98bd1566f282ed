/**
 * Checks: synthetic checks and multi-step journeys, their probes and schedules, results, and
 * post-deploy verification windows opened by {@code ChangeFinished}. Publishes
 * {@code CheckFailed}, {@code CheckRecovered} and {@code VerificationPassed} (durably). May call catalog and changes, and uses the cli
 * module's client for {@code pitwall check}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Checks",
        allowedDependencies = {"system", "catalog", "changes", "cli"})
package dev.pitwall.checks;
