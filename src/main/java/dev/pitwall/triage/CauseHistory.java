package dev.pitwall.triage;

import java.util.Map;

/** How many earlier incidents had a confirmed cause in a change to each service. */
public record CauseHistory(Map<String, Integer> confirmedCauses) {

    public static final CauseHistory NONE = new CauseHistory(Map.of());

    public CauseHistory {
        confirmedCauses = Map.copyOf(confirmedCauses);
    }

    public int confirmedCauses(String service) {
        return confirmedCauses.getOrDefault(service, 0);
    }
}
