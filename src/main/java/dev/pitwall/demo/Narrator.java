package dev.pitwall.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the story as it happens, one line per event, with the real seconds since the demo began
 * ({@code [  3.2s] deploy proposals-app 2.14.0 recorded (5 commits)}), and keeps the lines for the
 * closing summary and the tests. The webhook sink narrates from its own thread, so lines are
 * written whole.
 */
final class Narrator {

    /** One narrated event: seconds since the start, and what happened. */
    record Line(double seconds, String text) {}

    private final PrintWriter out;
    private final long startNanos;
    private final List<Line> lines = new ArrayList<>();

    Narrator(PrintWriter out, long startNanos) {
        this.out = out;
        this.startNanos = startNanos;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** An event, with the details (a reason, what a command printed) indented under it. */
    synchronized void event(String text, List<String> details) {
        double seconds = elapsedSeconds();
        lines.add(new Line(seconds, text));
        out.printf(Locale.ROOT, "[%5.1fs] %s%n", seconds, text);
        details.forEach(detail -> out.println("          " + detail));
        out.flush();
    }

    void event(String text) {
        event(text, List.of());
    }

    /** A heading between the acts of the story. */
    synchronized void heading(String text) {
        out.println();
        out.println(text);
        out.flush();
    }

    synchronized void plain(String text) {
        out.println(text);
        out.flush();
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }
}
