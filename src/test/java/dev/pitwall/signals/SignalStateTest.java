package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalStateTest {

    static final Instant T0 = Instant.parse("2026-11-24T18:00:00Z");

    static Observation observation(Observation.Action action, Instant received, Instant startedAt, boolean create) {
        return new Observation(
                "fp",
                SignalSource.ALERTMANAGER,
                action,
                create,
                Severity.ERROR,
                "Checkout is slow",
                null,
                "checkout",
                "production",
                Map.of("alertname", "CheckoutSlow"),
                List.of(),
                List.of(),
                null,
                startedAt,
                null,
                received,
                null,
                null);
    }

    static Observation trigger(Instant received) {
        return observation(Observation.Action.TRIGGER, received, null, true);
    }

    @ParameterizedTest(name = "{0} on a {1} signal: {2}, then {3}")
    @CsvSource({
        "TRIGGER,     FIRING,       REPEATED,     FIRING",
        "TRIGGER,     ACKNOWLEDGED, REPEATED,     ACKNOWLEDGED",
        "TRIGGER,     RESOLVED,     REOPENED,     FIRING",
        "ACKNOWLEDGE, FIRING,       ACKNOWLEDGED, ACKNOWLEDGED",
        "ACKNOWLEDGE, ACKNOWLEDGED, REPEATED,     ACKNOWLEDGED",
        "ACKNOWLEDGE, RESOLVED,     REPEATED,     RESOLVED",
        "RESOLVE,     FIRING,       RESOLVED,     RESOLVED",
        "RESOLVE,     ACKNOWLEDGED, RESOLVED,     RESOLVED",
        "RESOLVE,     RESOLVED,     REPEATED,     RESOLVED"
    })
    void eachReceptionMovesTheSignalAsItsSenderSays(
            Observation.Action action, SignalStatus before, SignalUpdate.Change change, SignalStatus after) {
        SignalState state = SignalState.create(trigger(T0), Severity.WARNING);
        state.status = before;
        if (before == SignalStatus.RESOLVED) {
            state.resolvedAt = T0;
        }

        SignalUpdate.Change result = state.apply(observation(action, T0.plusSeconds(60), null, true));

        assertThat(result).isEqualTo(change);
        assertThat(state.status).isEqualTo(after);
        assertThat(state.count).isEqualTo(2);
        assertThat(state.lastSeenAt).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aNewSignalStartsWhenItsSenderSaysButNeverAfterItWasSeen() {
        SignalState claimedEarlier = SignalState.create(
                observation(Observation.Action.TRIGGER, T0, T0.minusSeconds(300), true), Severity.WARNING);
        SignalState claimedLater = SignalState.create(
                observation(Observation.Action.TRIGGER, T0, T0.plusSeconds(300), true), Severity.WARNING);

        assertThat(claimedEarlier.startedAt).isEqualTo(T0.minusSeconds(300));
        assertThat(claimedLater.startedAt).isEqualTo(T0);
        assertThat(claimedEarlier.firstSeenAt).isEqualTo(T0);
        assertThat(claimedEarlier.status).isEqualTo(SignalStatus.FIRING);
    }

    @Test
    void aLateCopyOfTheResolvedEpisodeCountsButDoesNotReopen() {
        SignalState state = SignalState.create(
                observation(Observation.Action.TRIGGER, T0, T0.minusSeconds(60), true), Severity.WARNING);
        state.apply(observation(Observation.Action.RESOLVE, T0.plusSeconds(60), T0.minusSeconds(60), true));

        SignalUpdate.Change retried =
                state.apply(observation(Observation.Action.TRIGGER, T0.plusSeconds(61), T0.minusSeconds(60), true));
        SignalUpdate.Change refired =
                state.apply(observation(Observation.Action.TRIGGER, T0.plusSeconds(600), T0.plusSeconds(590), true));

        assertThat(retried).isEqualTo(SignalUpdate.Change.REPEATED);
        assertThat(refired).isEqualTo(SignalUpdate.Change.REOPENED);
        assertThat(state.startedAt).isEqualTo(T0.plusSeconds(590));
        assertThat(state.resolvedAt).isNull();
        assertThat(state.count).isEqualTo(4);
    }

    @Test
    void anAcknowledgeOrResolveForAnUnknownSignalCreatesNothing() {
        assertThat(SignalState.create(observation(Observation.Action.RESOLVE, T0, null, false), Severity.INFO))
                .isNull();
        assertThat(SignalState.create(observation(Observation.Action.RESOLVE, T0, null, true), Severity.INFO).status)
                .isEqualTo(SignalStatus.RESOLVED);
    }

    @Test
    void aReceptionWithoutContentKeepsWhatTheSignalSays() {
        SignalState state = SignalState.create(trigger(T0), Severity.WARNING);
        Observation bare = new Observation(
                "fp",
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
                T0.plusSeconds(5),
                null,
                null);

        state.apply(bare);

        assertThat(state.title).isEqualTo("Checkout is slow");
        assertThat(state.severity).isEqualTo(Severity.ERROR);
        assertThat(state.labels).containsEntry("alertname", "CheckoutSlow");
        assertThat(state.acknowledgedAt).isEqualTo(T0.plusSeconds(5));
        assertThat(state.source).isEqualTo(SignalSource.ALERTMANAGER);
    }
}
