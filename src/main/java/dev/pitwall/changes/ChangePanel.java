package dev.pitwall.changes;

/**
 * A section of the change page served by another module (post-deploy verification by checks).
 * The change page lists every panel bean in {@link #order()} and loads each one's HTML fragment
 * from {@link #path(long)} with htmx, so the changes module never calls the module that owns it.
 */
public interface ChangePanel {

    /** The heading shown above the panel, such as "Post-deploy verification". */
    String title();

    /** Where the panel's HTML fragment is served, such as {@code /checks/changes/42/verification}. */
    String path(long changeId);

    /** Panels are shown in ascending order. */
    default int order() {
        return 0;
    }
}
