/**
 * Changes: the change log (deploys, rollbacks, config changes, feature flags, migrations, infra),
 * "what changed between T1 and T2", and the adapters that record changes from the API, the CLI,
 * GitHub, CDEvents and PagerDuty change events. Publishes {@code ChangeFinished}. May call
 * catalog.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Changes",
        allowedDependencies = {"system", "catalog"})
package dev.pitwall.changes;
