package dev.pitwall.triage;

/** What sort of change a candidate is; config, flag and migration changes weigh more (see {@link KindRule}). */
public enum ChangeKind {
    DEPLOY,
    ROLLBACK,
    CONFIG,
    FEATURE_FLAG,
    MIGRATION,
    INFRA,
    OTHER;

    /** The lower-case name used in scenarios and the API, such as {@code feature_flag}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
