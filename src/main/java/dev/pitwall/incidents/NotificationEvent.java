package dev.pitwall.incidents;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The moments of an incident that notification targets can subscribe to. */
enum NotificationEvent {
    OPENED,
    SEVERITY_CHANGED,
    ACKNOWLEDGED,
    RESOLVED,
    /** An action item of the incident's postmortem is past its due date (sent by postmortems). */
    ACTION_ITEM_OVERDUE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How the event reads after "Incident #12": "opened", "changed severity". */
    String verb() {
        return switch (this) {
            case OPENED -> "opened";
            case SEVERITY_CHANGED -> "changed severity";
            case ACKNOWLEDGED -> "acknowledged";
            case RESOLVED -> "resolved";
            case ACTION_ITEM_OVERDUE -> "has an overdue action item";
        };
    }

    static Optional<NotificationEvent> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        if (t.startsWith("incident_")) {
            t = t.substring("incident_".length());
        }
        for (NotificationEvent e : values()) {
            if (e.label().equals(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String join(Set<NotificationEvent> events) {
        return events.stream().sorted().map(NotificationEvent::label).collect(Collectors.joining(","));
    }

    static Set<NotificationEvent> split(String text) {
        Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
        Arrays.stream(text.split(","))
                .map(NotificationEvent::parse)
                .flatMap(Optional::stream)
                .forEach(events::add);
        return events;
    }

    static String allowed() {
        return Arrays.stream(values()).map(NotificationEvent::label).collect(Collectors.joining(", "));
    }
}
