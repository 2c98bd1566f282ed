package dev.pitwall.incidents;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What grouping needs to know about an open incident.
 *
 * @param words the words of its title and customer reports, for reports that name no service
 */
record OpenIncident(
        long id, IncidentStatus status, String environment, String title, List<String> services, Set<String> words) {

    OpenIncident {
        services = List.copyOf(services);
        words = Set.copyOf(words);
    }

    Set<String> serviceKeys() {
        return services.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    boolean hasService(String service) {
        if (service == null) {
            return false;
        }
        for (String s : services) {
            if (s.equalsIgnoreCase(service)) {
                return true;
            }
        }
        return false;
    }

    /** Signals of another environment belong to another incident; an unknown environment fits any. */
    boolean fitsEnvironment(String other) {
        return environment == null || other == null || environment.equalsIgnoreCase(other);
    }
}
