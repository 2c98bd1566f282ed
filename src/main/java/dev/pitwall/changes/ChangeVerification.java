package dev.pitwall.changes;

import java.util.Locale;

/** Where a change's post-deploy verification stands, as the checks module reports it. */
public enum ChangeVerification {
    NONE,
    RUNNING,
    PASSED,
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
