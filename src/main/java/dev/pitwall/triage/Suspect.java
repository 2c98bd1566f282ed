package dev.pitwall.triage;

import java.util.List;

/** A change suspected of causing an incident: its place in the ranking, its score and why. */
public record Suspect(int rank, CandidateChange change, double score, List<Evidence> evidence) {

    public Suspect {
        evidence = List.copyOf(evidence);
    }
}
