package dev.pitwall.signals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A signal while a fold works on it: loaded from the table (or new, {@code id == 0}), changed by
 * each observation in arrival order, then written back once.
 */
final class SignalState {

    long id;
    final String fingerprint;
    SignalSource source;
    SignalStatus status;
    Severity severity;
    String title;
    String description;
    String service;
    String environment;
    Map<String, String> labels = Map.of();
    List<SignalView.Link> links = List.of();
    List<SignalView.Image> images = List.of();
    String details;
    Instant startedAt;
    Instant firstSeenAt;
    Instant lastSeenAt;
    Instant acknowledgedAt;
    Instant resolvedAt;
    long count;
    SignalUpdate.Report report;
    SignalUpdate.CheckContext check;
    /** Something besides count and last seen changed since it was loaded; else a cheap update will do. */
    boolean changed;

    SignalState(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    boolean isNew() {
        return id == 0;
    }

    /** A signal first received through this observation, or null when it only makes sense for a known one. */
    static SignalState create(Observation o, Severity fallbackSeverity) {
        if (!o.createIfMissing()) {
            return null;
        }
        SignalState s = new SignalState(o.fingerprint());
        Instant received = o.receivedAt();
        s.source = o.source();
        s.severity = o.severity() == null ? fallbackSeverity : o.severity();
        s.title = o.title() == null ? o.fingerprint() : o.title();
        s.firstSeenAt = received;
        s.lastSeenAt = received;
        s.startedAt = earliest(o.startedAt(), received);
        s.count = 1;
        s.takeContent(o);
        switch (o.action()) {
            case TRIGGER -> s.status = SignalStatus.FIRING;
            case ACKNOWLEDGE -> {
                s.status = SignalStatus.ACKNOWLEDGED;
                s.acknowledgedAt = received;
            }
            case RESOLVE -> {
                s.status = SignalStatus.RESOLVED;
                s.resolvedAt = earliest(o.endedAt(), received);
            }
        }
        return s;
    }

    /**
     * Applies a later reception of this signal and says what it changed. A trigger for a resolved
     * signal reopens it, unless the sender says the problem started before the signal resolved: that
     * is a late copy of the resolved episode (a retried webhook), which counts but reopens nothing.
     */
    SignalUpdate.Change apply(Observation o) {
        Instant received = o.receivedAt();
        count++;
        if (received.isAfter(lastSeenAt)) {
            lastSeenAt = received;
        }
        takeContent(o);
        switch (o.action()) {
            case TRIGGER -> {
                if (status != SignalStatus.RESOLVED) {
                    return SignalUpdate.Change.REPEATED;
                }
                if (o.startedAt() != null && resolvedAt != null && o.startedAt().isBefore(resolvedAt)) {
                    return SignalUpdate.Change.REPEATED;
                }
                status = SignalStatus.FIRING;
                resolvedAt = null;
                acknowledgedAt = null;
                startedAt = earliest(o.startedAt(), received);
                changed = true;
                return SignalUpdate.Change.REOPENED;
            }
            case ACKNOWLEDGE -> {
                if (status != SignalStatus.FIRING) {
                    return SignalUpdate.Change.REPEATED;
                }
                status = SignalStatus.ACKNOWLEDGED;
                acknowledgedAt = received;
                changed = true;
                return SignalUpdate.Change.ACKNOWLEDGED;
            }
            default -> {
                if (status == SignalStatus.RESOLVED) {
                    return SignalUpdate.Change.REPEATED;
                }
                status = SignalStatus.RESOLVED;
                resolvedAt = earliest(o.endedAt(), received);
                changed = true;
                return SignalUpdate.Change.RESOLVED;
            }
        }
    }

    /** The newest reception says what the signal is about; fields it leaves out keep their value. */
    private void takeContent(Observation o) {
        if (o.severity() != null && o.severity() != severity) {
            severity = o.severity();
            changed = true;
        }
        if (o.title() != null && !o.title().equals(title)) {
            title = o.title();
            changed = true;
        }
        if (o.description() != null && !o.description().equals(description)) {
            description = o.description();
            changed = true;
        }
        if (o.service() != null && !o.service().equals(service)) {
            service = o.service();
            changed = true;
        }
        if (o.environment() != null && !o.environment().equals(environment)) {
            environment = o.environment();
            changed = true;
        }
        if (!o.labels().isEmpty() && !o.labels().equals(labels)) {
            labels = o.labels();
            changed = true;
        }
        if (!o.links().isEmpty() && !o.links().equals(links)) {
            links = o.links();
            changed = true;
        }
        if (!o.images().isEmpty() && !o.images().equals(images)) {
            images = o.images();
            changed = true;
        }
        if (o.details() != null && !o.details().equals(details)) {
            details = o.details();
            changed = true;
        }
        if (o.report() != null && !o.report().equals(report)) {
            report = o.report();
            changed = true;
        }
        if (o.check() != null && !o.check().equals(check)) {
            check = o.check();
            changed = true;
        }
    }

    private static Instant earliest(Instant claimed, Instant received) {
        return claimed == null || claimed.isAfter(received) ? received : claimed;
    }

    SignalView view() {
        return new SignalView(
                id,
                fingerprint,
                source,
                status,
                severity,
                title,
                description,
                service,
                environment,
                labels,
                links,
                images,
                details,
                startedAt,
                firstSeenAt,
                lastSeenAt,
                acknowledgedAt,
                resolvedAt,
                count,
                report,
                check);
    }
}
