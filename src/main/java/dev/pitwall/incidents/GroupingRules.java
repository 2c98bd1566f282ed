package dev.pitwall.incidents;

import java.time.Duration;

/**
 * The configurable numbers of grouping and auto-resolve.
 *
 * @param followDependencies whether a signal also joins an open incident of a service it depends
 *     on directly (or that depends on it), from the catalog's dependency graph
 * @param warningCount how many warning or info signals of one service (or one title, without a
 *     service) within {@code warningWindow} open an incident
 * @param reportCustomers how many distinct customers reporting the same problem within
 *     {@code reportWindow} open an incident (a report marked widespread opens one at once)
 * @param reportSimilarity how alike (0 to 1) the words of two reports without a service must be
 *     to count as the same problem
 * @param autoResolveAfter how long an incident whose signals have all resolved stays in
 *     monitoring before Pitwall resolves it; zero leaves resolving to people
 */
public record GroupingRules(
        boolean followDependencies,
        int warningCount,
        Duration warningWindow,
        int reportCustomers,
        Duration reportWindow,
        double reportSimilarity,
        Duration autoResolveAfter) {

    public static final GroupingRules DEFAULTS =
            new GroupingRules(true, 3, Duration.ofMinutes(10), 2, Duration.ofMinutes(30), 0.5, Duration.ofMinutes(30));

    public static final int MAX_COUNT = 1000;
    public static final Duration MAX_WINDOW = Duration.ofDays(1);
    public static final Duration MAX_AUTO_RESOLVE = Duration.ofDays(30);

    /** Every problem with these numbers, as (field, message) pairs; empty when they are usable. */
    java.util.List<String[]> problems() {
        java.util.List<String[]> problems = new java.util.ArrayList<>();
        if (warningCount < 1 || warningCount > MAX_COUNT) {
            problems.add(new String[] {"warningCount", "must be 1 to " + MAX_COUNT + ", not " + warningCount});
        }
        if (reportCustomers < 1 || reportCustomers > MAX_COUNT) {
            problems.add(new String[] {"reportCustomers", "must be 1 to " + MAX_COUNT + ", not " + reportCustomers});
        }
        checkWindow(problems, "warningWindow", warningWindow);
        checkWindow(problems, "reportWindow", reportWindow);
        if (Double.isNaN(reportSimilarity) || reportSimilarity <= 0 || reportSimilarity > 1) {
            problems.add(new String[] {"reportSimilarity", "must be above 0 and at most 1, such as 0.5"});
        }
        if (autoResolveAfter == null
                || autoResolveAfter.isNegative()
                || autoResolveAfter.compareTo(MAX_AUTO_RESOLVE) > 0) {
            problems.add(new String[] {"autoResolveAfter", "must be 0 (off) to 30 days"});
        }
        return problems;
    }

    private static void checkWindow(java.util.List<String[]> problems, String field, Duration window) {
        if (window == null || window.compareTo(Duration.ofSeconds(10)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            problems.add(new String[] {field, "must be between 10 seconds and 1 day"});
        }
    }
}
