/**
 * Signals: every sign of trouble (Alertmanager and PagerDuty-style alerts, generic JSON, customer
 * reports, failing checks) taken in durably, fingerprinted and deduplicated. May call catalog;
 * listens to the events of checks.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Signals",
        allowedDependencies = {"system", "catalog", "checks"})
package dev.pitwall.signals;
