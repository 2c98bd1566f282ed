package dev.pitwall.incidents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the public status page says, built from incidents and their public updates. Services show
 * the worst open incident that touches them; SEV4 incidents ("no visible user impact yet") do not
 * change a service's state. An incident's title and updates become public with its first public
 * update; until then it shows as "investigating a problem" with the affected services only.
 */
record StatusPage(
        String state,
        String stateText,
        Instant generatedAt,
        List<ServiceState> services,
        List<PublicIncident> incidents,
        List<ServiceHistory> history,
        List<PublicIncident> pastIncidents) {

    static final int HISTORY_DAYS = 90;

    record ServiceState(String name, String state, String stateText) {}

    record PublicUpdate(Instant at, String status, String body) {}

    record PublicIncident(
            long id,
            String title,
            String status,
            String severity,
            List<String> services,
            Instant startedAt,
            Instant resolvedAt,
            List<PublicUpdate> updates) {}

    record Day(LocalDate date, String state, List<Long> incidents) {}

    record ServiceHistory(String name, List<Day> days) {}

    /** Service states, from best to worst. */
    enum State {
        OPERATIONAL("Operational"),
        DEGRADED("Degraded performance"),
        PARTIAL_OUTAGE("Partial outage"),
        MAJOR_OUTAGE("Major outage");

        final String text;

        State(String text) {
            this.text = text;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(IncidentSeverity severity) {
            return switch (severity) {
                case SEV1 -> MAJOR_OUTAGE;
                case SEV2 -> PARTIAL_OUTAGE;
                case SEV3 -> DEGRADED;
                case SEV4 -> OPERATIONAL;
            };
        }

        State worse(State other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    static StatusPage build(
            Collection<String> catalogServices,
            List<IncidentView> recent,
            Map<Long, List<IncidentRepository.StatusUpdate>> publicUpdates,
            Instant now) {
        Map<String, String> names = new LinkedHashMap<>();
        catalogServices.forEach(s -> names.putIfAbsent(s.toLowerCase(Locale.ROOT), s));
        recent.forEach(i -> i.services().forEach(s -> names.putIfAbsent(s.toLowerCase(Locale.ROOT), s)));

        Map<String, State> current = new LinkedHashMap<>();
        names.keySet().forEach(k -> current.put(k, State.OPERATIONAL));
        State overall = State.OPERATIONAL;
        List<PublicIncident> open = new ArrayList<>();
        List<PublicIncident> past = new ArrayList<>();
        for (IncidentView incident : recent) {
            List<IncidentRepository.StatusUpdate> updates = publicUpdates.getOrDefault(incident.id(), List.of());
            if (incident.isOpen()) {
                State state = State.of(incident.severity());
                for (String s : incident.services()) {
                    current.merge(s.toLowerCase(Locale.ROOT), state, State::worse);
                }
                overall = overall.worse(state);
                if (incident.severity() != IncidentSeverity.SEV4 || !updates.isEmpty()) {
                    open.add(publicIncident(incident, updates));
                }
            } else if (!updates.isEmpty()) {
                past.add(publicIncident(incident, updates));
            }
        }
        List<ServiceState> services = names.entrySet().stream()
                .map(e -> new ServiceState(e.getValue(), current.get(e.getKey()).label(), current.get(e.getKey()).text))
                .sorted(Comparator.comparing(ServiceState::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        return new StatusPage(
                overall.label(),
                overall == State.OPERATIONAL ? "All systems operational" : overall.text,
                now,
                services,
                open,
                history(names, recent, now),
                past);
    }

    private static PublicIncident publicIncident(IncidentView i, List<IncidentRepository.StatusUpdate> updates) {
        boolean published = !updates.isEmpty();
        return new PublicIncident(
                i.id(),
                published
                        ? i.title()
                        : "Investigating a problem"
                                + (i.services().isEmpty() ? "" : " with " + String.join(", ", i.services())),
                i.status().label(),
                i.severity().label(),
                i.services(),
                i.impactStartedAt(),
                i.resolvedAt(),
                updates.stream()
                        .map(u -> new PublicUpdate(u.at(), u.status().label(), u.body()))
                        .toList());
    }

    private static List<ServiceHistory> history(Map<String, String> names, List<IncidentView> recent, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(HISTORY_DAYS - 1);
        List<ServiceHistory> history = new ArrayList<>();
        for (Map.Entry<String, String> service : names.entrySet()) {
            State[] states = new State[HISTORY_DAYS];
            List<List<Long>> ids = new ArrayList<>();
            for (int d = 0; d < HISTORY_DAYS; d++) {
                states[d] = State.OPERATIONAL;
                ids.add(new ArrayList<>());
            }
            for (IncidentView incident : recent) {
                if (incident.services().stream().noneMatch(s -> s.equalsIgnoreCase(service.getValue()))) {
                    continue;
                }
                LocalDate from = LocalDate.ofInstant(incident.impactStartedAt(), ZoneOffset.UTC);
                LocalDate to = LocalDate.ofInstant(
                        incident.resolvedAt() == null ? now : incident.resolvedAt(), ZoneOffset.UTC);
                for (LocalDate day = from.isBefore(first) ? first : from;
                        !day.isAfter(to) && !day.isAfter(today);
                        day = day.plusDays(1)) {
                    int index = (int) (day.toEpochDay() - first.toEpochDay());
                    states[index] = states[index].worse(State.of(incident.severity()));
                    ids.get(index).add(incident.id());
                }
            }
            List<Day> days = new ArrayList<>();
            for (int d = 0; d < HISTORY_DAYS; d++) {
                days.add(new Day(first.plusDays(d), states[d].label(), List.copyOf(ids.get(d))));
            }
            history.add(new ServiceHistory(service.getValue(), days));
        }
        history.sort(Comparator.comparing(ServiceHistory::name, String.CASE_INSENSITIVE_ORDER));
        return history;
    }
}
