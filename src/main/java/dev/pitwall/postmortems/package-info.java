/**
 * Postmortems: drafts made from the incident record, the blameless-language review, and action
 * items, of which safeguard items become checks that must pass a later deploy's verification. May
 * call incidents, triage and checks.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Postmortems",
        allowedDependencies = {"system", "incidents", "triage", "checks"})
package dev.pitwall.postmortems;
