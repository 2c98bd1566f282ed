package dev.pitwall.postmortems;

/**
 * Changes to an action item as the API and the forms send them: null keeps a field, an empty
 * {@code owner}, {@code dueOn} or {@code link} clears it. {@code reason} says why an item is
 * cancelled or done, when someone wants to say.
 */
record ActionItemPatch(
        String title, String kind, String owner, String dueOn, String status, String link, String reason) {}
