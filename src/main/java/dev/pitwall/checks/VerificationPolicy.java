package dev.pitwall.checks;

import dev.pitwall.changes.ChangeKind;
import dev.pitwall.changes.ChangeStatus;
import java.util.Locale;
import java.util.Set;

/**
 * Which finished changes get a post-deploy verification: deploys, rollbacks, config changes and
 * feature flags that succeeded, because those change what users get right away. Migrations and
 * infrastructure changes are left to the scheduled checks; a failed or rolled-back change has
 * nothing of its own to verify.
 */
final class VerificationPolicy {

    record Decision(boolean verify, String reason) {}

    private static final Set<ChangeKind> VERIFIED =
            Set.of(ChangeKind.DEPLOY, ChangeKind.ROLLBACK, ChangeKind.CONFIG, ChangeKind.FEATURE_FLAG);

    private VerificationPolicy() {}

    static Decision decide(ChangeKind kind, ChangeStatus status) {
        String what = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (!VERIFIED.contains(kind)) {
            return new Decision(false, "a " + what + " change is not verified after it finishes");
        }
        if (status != ChangeStatus.SUCCEEDED) {
            return new Decision(
                    false,
                    "the " + what + " did not succeed (" + status.name().toLowerCase(Locale.ROOT)
                            + "), so there is nothing of it to verify");
        }
        return new Decision(true, "a successful " + what + " is verified by the checks of its service");
    }

    /** How a change reads in sentences: {@code proposals-app 2.14.0}, or {@code proposals-app config change}. */
    static String label(String service, ChangeKind kind, String version) {
        if (version != null && !version.isBlank()) {
            return service + " " + version.trim();
        }
        return service + " " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " change";
    }
}
