package dev.pitwall.postmortems;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the texts of a postmortem around the phrases the blameless review found, so the page can
 * mark each phrase with its suggestion (the model attribute {@code marks}). The words stay the
 * same; only the marks are added.
 */
final class MarkedText {

    /** A piece of a text: plain ({@code finding} null) or a phrase the review marked. */
    record Segment(String text, Finding finding) {}

    private final Map<String, List<Finding>> byLocation = new HashMap<>();

    MarkedText(List<Finding> findings) {
        for (Finding f : findings) {
            byLocation.computeIfAbsent(f.location(), k -> new ArrayList<>()).add(f);
        }
    }

    static MarkedText none() {
        return new MarkedText(List.of());
    }

    /** The text at a location in segments; overlapping phrases are marked once, by the first. */
    public List<Segment> of(String location, String text) {
        List<Segment> segments = new ArrayList<>();
        if (text == null) {
            return segments;
        }
        List<Finding> here = new ArrayList<>(byLocation.getOrDefault(location, List.of()));
        here.sort(Comparator.comparingInt(Finding::start));
        int at = 0;
        for (Finding f : here) {
            if (f.start() < at || f.end() > text.length()) {
                continue;
            }
            if (f.start() > at) {
                segments.add(new Segment(text.substring(at, f.start()), null));
            }
            segments.add(new Segment(text.substring(f.start(), f.end()), f));
            at = f.end();
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), null));
        }
        return segments;
    }

    public int count(String location) {
        return byLocation.getOrDefault(location, List.of()).size();
    }
}
