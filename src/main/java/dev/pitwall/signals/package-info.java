/**
 * Signals: every sign of trouble (Alertmanager and PagerDuty-style alerts, generic JSON, customer
 * reports, failing checks) taken in durably, fingerprinted and deduplicated. Intake is acknowledged
 * from an append-only log and folded into signals behind it, publishing {@code SignalsUpdated}
 * inside the fold's transaction. May call catalog (service names) and accounts (the PagerDuty
 * routing key is an API token); listens to the events of checks.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Signals",
        allowedDependencies = {"system", "catalog", "checks", "accounts"})
package dev.pitwall.signals;
