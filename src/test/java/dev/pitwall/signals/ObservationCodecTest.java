package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObservationCodecTest {

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Instant t = Instant.parse("2026-11-24T18:00:00.123Z");
        Observation full = new Observation(
                "fp-1",
                SignalSource.CHECK,
                Observation.Action.RESOLVE,
                false,
                Severity.CRITICAL,
                "Title ünïcode ✓",
                "A description\nwith lines",
                "proposals-app",
                "production",
                new TreeMap<>(Map.of("a", "1", "b", "")),
                List.of(new SignalView.Link("https://runbook", "Runbook"), new SignalView.Link("https://x", null)),
                List.of(new SignalView.Image("https://img", null, "alt")),
                "{\"k\":1}",
                t,
                t.plusSeconds(5),
                t.plusSeconds(6),
                new SignalUpdate.Report("acme-42", "cannot log in", 3, true),
                new SignalUpdate.CheckContext(7, "journey", "https://app", true, "step 2: 500", 99L, "app 2.1", t));
        Observation minimal = new Observation(
                "fp-2",
                SignalSource.PAGERDUTY,
                Observation.Action.ACKNOWLEDGE,
                false,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                t,
                null,
                new SignalUpdate.CheckContext(8, "other", null, false, null, null, null, null));

        List<Observation> decoded = ObservationCodec.decode(ObservationCodec.encode(List.of(full, minimal)));

        assertThat(decoded).containsExactly(full, minimal);
    }

    @Test
    void refusesAnEntryOfAnUnknownVersion() {
        byte[] bytes = ObservationCodec.encode(List.of());
        bytes[0] = 99;

        assertThatThrownBy(() -> ObservationCodec.decode(bytes)).hasMessageContaining("version 99");
    }
}
