package dev.pitwall.changes;

/** What kind of change reached a system. Only deploys carry a version that later changes build on. */
public enum ChangeKind {
    DEPLOY,
    ROLLBACK,
    CONFIG,
    FEATURE_FLAG,
    MIGRATION,
    INFRA,
    OTHER
}
