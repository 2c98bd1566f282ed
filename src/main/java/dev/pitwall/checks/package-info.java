/**
 * Checks: synthetic checks and multi-step journeys, their probes and schedules, results, and
 * post-deploy verification windows opened by {@code ChangeFinished}. Publishes
 * {@code CheckFailed} and {@code CheckRecovered}. May call catalog and changes.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Checks",
        allowedDependencies = {"system", "catalog", "changes"})
package dev.pitwall.checks;
