package dev.pitwall.postmortems;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How the document writes times, durations and states, shared by the page templates (as the model
 * attribute {@code fmt}) and the Markdown export so that both say exactly the same.
 */
final class PostmortemFormat {

    static final PostmortemFormat INSTANCE = new PostmortemFormat();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    public String duration(Duration d) {
        return Durations.describe(d);
    }

    public String or(String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : text;
    }

    public String list(List<String> items) {
        return items == null || items.isEmpty() ? "—" : String.join(", ", items);
    }

    /** A text on one line, for table cells. */
    public String line(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** "open", "in progress", "done", "cancelled". */
    public String status(ActionItemStatus status) {
        return status.label().replace('_', ' ');
    }

    public String timelineState(TimelineState state) {
        return switch (state) {
            case KEY -> "key moment";
            case SHOWN -> "";
            case HIDDEN -> "hidden";
        };
    }

    /** What an action item's status means, in one line: who finished it and why, or what it waits for. */
    public String itemState(ActionItem item) {
        if (item.status() == ActionItemStatus.DONE || item.status() == ActionItemStatus.CANCELLED) {
            return status(item.status()) + (item.doneReason() == null ? "" : ": " + line(item.doneReason()));
        }
        if (item.safeguard()) {
            return status(item.status())
                    + (item.checkName() == null
                            ? ": no check yet"
                            : ": waiting for check '" + item.checkName() + "' to pass a post-deploy verification");
        }
        return status(item.status());
    }

    public String due(ActionItem item) {
        return item.dueOn() == null ? "—" : item.dueOn().toString();
    }

    public String role(String person) {
        return person == null ? "—" : person;
    }
}
