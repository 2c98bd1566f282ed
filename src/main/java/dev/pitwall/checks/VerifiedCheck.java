package dev.pitwall.checks;

import java.time.Instant;

/** One check in a verification, with what the verification saw of it so far. */
record VerifiedCheck(
        long verificationId,
        long checkId,
        String checkName,
        boolean critical,
        int failAfter,
        int results,
        int failures,
        int consecutiveFailures,
        int lastRound,
        Boolean lastOk,
        Instant lastResultAt,
        String lastFailure) {

    VerifiedCheck saw(CheckResult result, Integer round) {
        boolean ok = result.ok();
        return new VerifiedCheck(
                verificationId,
                checkId,
                checkName,
                critical,
                failAfter,
                results + 1,
                failures + (ok ? 0 : 1),
                ok ? 0 : consecutiveFailures + 1,
                round == null ? lastRound : Math.max(lastRound, round),
                ok,
                result.startedAt(),
                ok ? lastFailure : result.failure());
    }
}
