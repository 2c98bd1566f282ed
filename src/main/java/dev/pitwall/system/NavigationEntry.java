package dev.pitwall.system;

/**
 * One link in the top navigation of every page. A module declares a bean of this type when it has
 * pages to show; the layout lists them by {@code order}.
 */
public record NavigationEntry(String label, String path, int order) {}
