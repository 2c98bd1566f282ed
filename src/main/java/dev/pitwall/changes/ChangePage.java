package dev.pitwall.changes;

import java.util.List;

/**
 * One page of the change list, newest first.
 *
 * @param next the cursor of the following page, or null on the last page
 */
record ChangePage(List<RecordedChange> changes, String next) {}
