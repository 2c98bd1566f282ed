package dev.pitwall.triage;

/** The outcome of a change's post-deploy verification, as far as it is known. */
public enum Verification {
    NONE,
    RUNNING,
    PASSED,
    FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
