package dev.pitwall.checks;

import java.time.Instant;

/** A failing check passed its recovery threshold. Published durably; its signal resolves. */
public record CheckRecovered(long checkId, String checkName, String service, String environment, Instant recoveredAt) {}
