package dev.pitwall.changes;

import java.time.Instant;

/**
 * The checks module reports how a change's post-deploy verification stands. Published durably by
 * checks (which may call changes, not the other way round); the change log records it on the
 * change, so that the change timeline can mark a failed deploy and triage can weigh it.
 *
 * @param summary one sentence for the change page, such as "check 'member can list line items'
 *     failed 14 s after the deploy"
 */
public record VerificationReported(long changeId, ChangeVerification verification, String summary, Instant at) {}
