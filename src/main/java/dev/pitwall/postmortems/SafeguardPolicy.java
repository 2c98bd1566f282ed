package dev.pitwall.postmortems;

import dev.pitwall.checks.VerificationPassed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * When is a safeguard done? A {@code safeguard-check} item is done only when its check exists and
 * has passed a post-deploy verification of its service that started after the item was created:
 * the promise "we will add a safeguard" is kept once the safeguard has watched a real deploy. Only
 * Pitwall marks it done, with the verification as the reason.
 */
final class SafeguardPolicy {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private SafeguardPolicy() {}

    record Decision(boolean done, String reason) {}

    static Decision decide(ActionItem item, VerificationPassed passed) {
        if (!item.safeguard()) {
            return new Decision(false, "action item #" + item.id() + " is not a safeguard check");
        }
        if (!item.status().isOpen()) {
            return new Decision(
                    false, "action item #" + item.id() + " is " + item.status().label() + " already");
        }
        if (item.checkId() == null || !passed.checkIds().contains(item.checkId())) {
            return new Decision(false, "its check did not run in the verification of " + passed.change());
        }
        if (!passed.startedAt().isAfter(item.createdAt())) {
            return new Decision(
                    false,
                    "the verification of " + passed.change() + " started at " + TIME.format(passed.startedAt())
                            + ", before the item was created (" + TIME.format(item.createdAt()) + ")");
        }
        return new Decision(
                true,
                "check '" + item.checkName() + "' passed the post-deploy verification of " + passed.change()
                        + " (change #" + passed.changeId() + ", " + passed.environment() + "), which started at "
                        + TIME.format(passed.startedAt()) + ", after this item was created at "
                        + TIME.format(item.createdAt()));
    }

    /** Why a person cannot mark a safeguard done by hand. */
    static String notByHand(ActionItem item) {
        return "Pitwall marks a safeguard-check item done itself, once its check"
                + (item.checkName() == null ? " (create or link one first)" : " '" + item.checkName() + "'")
                + " has passed a post-deploy verification of its service that started after the item was created;"
                + " cancel the item instead if it is no longer wanted";
    }
}
