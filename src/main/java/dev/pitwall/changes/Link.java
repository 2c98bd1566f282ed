package dev.pitwall.changes;

/** A link that goes with a change: the pipeline run, the pull request, the release notes. */
public record Link(String href, String text) {}
