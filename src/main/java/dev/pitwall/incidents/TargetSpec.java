package dev.pitwall.incidents;

import dev.pitwall.system.InvalidInputException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A notification target as the UI, the API or pitwall.yaml describe it, validated. The URL and the
 * secret are plain text here and sealed before they are stored; null keeps the stored value when
 * a target is edited.
 */
record TargetSpec(
        String name,
        NotificationChannel channel,
        String url,
        String secret,
        List<String> recipients,
        List<String> services,
        Set<NotificationEvent> events,
        IncidentSeverity minSeverity,
        boolean enabled) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>\"]{1,64}@[^@\\s,<>\"]{1,255}");

    TargetSpec {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        services = services == null ? List.of() : List.copyOf(services);
        events = events == null || events.isEmpty() ? EnumSet.allOf(NotificationEvent.class) : Set.copyOf(events);
        minSeverity = minSeverity == null ? IncidentSeverity.SEV4 : minSeverity;
    }

    /**
     * Every problem as (field, message); {@code existing} says whether a stored target already
     * has a URL and secret that a missing value keeps.
     */
    List<String[]> problems(boolean existing) {
        List<String[]> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(
                    new String[] {"name", "is 1 to 100 letters, digits or . _ - and starts with a letter or digit"});
        }
        if (channel == null) {
            problems.add(new String[] {"type", "must be slack, webhook or email"});
            return problems;
        }
        if (channel != NotificationChannel.EMAIL) {
            if (url == null || url.isBlank()) {
                if (!existing) {
                    problems.add(new String[] {"url", "is required for a " + channel.label() + " target"});
                }
            } else if (!isHttpUrl(url)) {
                problems.add(new String[] {"url", "must be an http(s) URL with a host"});
            }
        }
        if (channel == NotificationChannel.WEBHOOK && !existing && (secret == null || secret.isBlank())) {
            problems.add(new String[] {
                "secret", "is required: generic webhooks are signed (X-Pitwall-Signature) with this shared secret"
            });
        }
        if (secret != null && secret.length() > 500) {
            problems.add(new String[] {"secret", "has at most 500 characters"});
        }
        if (channel == NotificationChannel.EMAIL) {
            if (recipients.isEmpty()) {
                problems.add(new String[] {"to", "needs at least one email address"});
            }
            if (recipients.size() > 50) {
                problems.add(new String[] {"to", "has at most 50 addresses"});
            }
            for (String r : recipients) {
                if (!EMAIL.matcher(r).matches()) {
                    problems.add(new String[] {"to", "'" + r + "' is not an email address"});
                }
            }
        }
        if (services.size() > 200) {
            problems.add(new String[] {"services", "has at most 200 services"});
        }
        for (String s : services) {
            if (s.isBlank() || s.length() > 200 || s.contains(",")) {
                problems.add(new String[] {"services", "'" + s + "' is not a service name"});
            }
        }
        return problems;
    }

    void validate(boolean existing) {
        List<String[]> problems = problems(existing);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(
                    problems.getFirst()[0], problems.getFirst()[0] + " " + problems.getFirst()[1]);
        }
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A URL shown without its path, which for Slack holds the secret: {@code https://hooks.slack.com/…}. */
    static String display(String url) {
        URI uri = URI.create(url.trim());
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
    }
}
