package dev.pitwall.incidents;

import java.util.Locale;
import java.util.Optional;

/** How a target is reached: a Slack-compatible incoming webhook, a signed JSON webhook, or email. */
enum NotificationChannel {
    SLACK,
    WEBHOOK,
    EMAIL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<NotificationChannel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (NotificationChannel c : values()) {
            if (c.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
