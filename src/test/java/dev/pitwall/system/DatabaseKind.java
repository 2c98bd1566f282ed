package dev.pitwall.system;

/** The databases every repository contract test runs on. */
public enum DatabaseKind {
    SQLITE,
    POSTGRESQL
}
