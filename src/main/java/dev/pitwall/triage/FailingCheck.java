package dev.pitwall.triage;

/** A synthetic check that is failing in the incident: its name and the URL it probes (may be null). */
public record FailingCheck(String name, String url) {

    public FailingCheck {
        name = name == null ? "" : name;
    }
}
