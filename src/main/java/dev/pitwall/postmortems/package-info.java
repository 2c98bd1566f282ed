/**
 * Postmortems: drafts made from the incident record (on {@code IncidentResolved}, or by hand), the
 * blameless-language review (rules in {@code blameless-rules.yaml}, extendable by teams), the
 * workflow draft → in review → published (which closes the incident), the Markdown export, and
 * action items, of which safeguard items become checks that must pass a later deploy's
 * verification ({@code VerificationPassed}). May call incidents, triage and checks.
 *
 * <p>For other modules: {@link dev.pitwall.postmortems.Postmortems} ({@code forIncident},
 * {@code openActionItems}) with the records {@link dev.pitwall.postmortems.PostmortemSummary} and
 * {@link dev.pitwall.postmortems.ActionItem}. docs/postmortems.md has the details.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Postmortems",
        allowedDependencies = {"system", "incidents", "triage", "checks"})
package dev.pitwall.postmortems;
