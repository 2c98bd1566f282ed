package dev.pitwall.postmortems;

import dev.pitwall.triage.Evidence;
import dev.pitwall.triage.RankedSuspect;
import dev.pitwall.triage.SuspectList;
import dev.pitwall.triage.SuspectMark;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The "What changed" section: the suspect changes triage ranked for the incident, with the
 * confirmed cause and the ruled-out ones as responders marked them.
 *
 * @param unavailable why the suspects could not be read (shown instead of them); null when they were
 */
record WhatChanged(
        Instant rankedAt,
        int candidates,
        List<RankedSuspect> ranked,
        List<RankedSuspect> duringIncident,
        String unavailable) {

    /** The document as the writes see it: they review what the team wrote and do not read suspects. */
    static final WhatChanged NOT_READ = new WhatChanged(null, 0, List.of(), List.of(), "not read");

    WhatChanged {
        ranked = List.copyOf(ranked);
        duringIncident = List.copyOf(duringIncident);
    }

    static WhatChanged of(SuspectList list) {
        return new WhatChanged(list.rankedAt(), list.candidates(), list.ranked(), list.duringIncident(), null);
    }

    static WhatChanged unavailable(String why) {
        return new WhatChanged(null, 0, List.of(), List.of(), why);
    }

    public boolean available() {
        return unavailable == null;
    }

    public List<RankedSuspect> confirmed() {
        return marked(SuspectMark.CONFIRMED_CAUSE);
    }

    public List<RankedSuspect> ruledOut() {
        return marked(SuspectMark.RULED_OUT);
    }

    private List<RankedSuspect> marked(SuspectMark mark) {
        return Stream.concat(ranked.stream(), duringIncident.stream())
                .filter(s -> s.mark() == mark)
                .toList();
    }

    /** "proposals-app 2.14.0 (deploy, change #42); pricing-api (config, change #40)". */
    public String labels(List<RankedSuspect> suspects) {
        return suspects.stream().map(RankedSuspect::label).collect(Collectors.joining("; "));
    }

    /** A rank as the table shows it: 0 (a marked change outside the ten most suspect) shows as "—". */
    public String rank(RankedSuspect s) {
        return s.rank() == 0 ? "—" : Integer.toString(s.rank());
    }

    public String score(RankedSuspect s) {
        return String.format(Locale.ROOT, "%.1f", s.score());
    }

    /** "confirmed cause by alice: LineItemMapper reads the old schema", or "—". */
    public String mark(RankedSuspect s) {
        if (s.mark() == SuspectMark.NONE) {
            return "—";
        }
        return s.mark().words()
                + (s.markedBy() == null ? "" : " by " + s.markedBy())
                + (s.markNote() == null || s.markNote().isBlank() ? "" : ": " + s.markNote());
    }

    /** Every reason, strongest first. */
    public String reasons(RankedSuspect s) {
        return s.evidence().isEmpty()
                ? "—"
                : s.evidence().stream().map(Evidence::reason).collect(Collectors.joining("; "));
    }
}
