/**
 * Insights: DORA metrics and the response metrics (time to detect, acknowledge, restore) with
 * charts. Read models only: plain SQL over the other modules' published views, nothing written.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package dev.pitwall.insights;
