package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.changes.ChangeLog;
import dev.pitwall.changes.RecordedChange;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * The in-memory index answers every window exactly as the change log does, whether it covers
 * the window, covers part of it (the rest is read from the database) or has dropped changes to
 * stay under its memory cap.
 */
@PitwallTest
class RecentChangesTest {

    static final Duration HORIZON = Duration.ofHours(48);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ChangeLog changeLog;

    @Autowired
    Clock clock;

    ApiClient ingest;
    String env;
    Instant now;

    @BeforeEach
    void recordChanges() {
        ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        env = "index-" + SuspectsScenario.letters(new Random(), 8);
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Random random = new Random(11);
        // 60 hours of changes: short ones, a few that took hours, and two still in progress
        for (int i = 0; i < 80; i++) {
            Instant started = now.minus(Duration.ofMinutes(random.nextInt(60 * 60)));
            long minutes = i % 10 == 0 ? 120 + random.nextInt(300) : random.nextInt(20);
            Instant finished = started.plus(Duration.ofMinutes(minutes));
            record("svc-" + (i % 7), started, finished.isAfter(now) ? now : finished, "succeeded");
        }
        record("svc-stuck", now.minus(Duration.ofHours(70)), null, "in_progress");
        record("svc-rolling", now.minus(Duration.ofMinutes(3)), null, "in_progress");
    }

    @Test
    void aWarmIndexAnswersEveryWindowAsTheChangeLogDoesIncludingWindowsReachingBeforeIt() {
        RecentChanges index = new RecentChanges(changeLog, clock, HORIZON, DataSize.ofMegabytes(64));
        index.warm();

        assertThat(index.isWarm()).isTrue();
        assertThat(index.stats().coveredFrom()).isBefore(now.minus(HORIZON).plusSeconds(60));
        assertSameAsTheChangeLog(index);
    }

    @Test
    void overItsMemoryCapTheIndexDropsTheOldestChangesAndReadsTheirPartFromTheDatabase() {
        RecentChanges full = new RecentChanges(changeLog, clock, HORIZON, DataSize.ofMegabytes(64));
        full.warm();
        long cap = full.stats().estimatedBytes() / 3;
        RecentChanges capped = new RecentChanges(changeLog, clock, HORIZON, DataSize.ofBytes(cap));
        capped.warm();

        assertThat(capped.stats().estimatedBytes()).isLessThanOrEqualTo(cap);
        assertThat(capped.stats().changes()).isLessThan(full.stats().changes());
        assertThat(capped.stats().coveredFrom()).isAfter(full.stats().coveredFrom());
        assertSameAsTheChangeLog(capped);
    }

    @Test
    void recordedAndUpdatedChangesAreReadAgainAndOldOnesLeaveWithTheHorizon() {
        MovableClock movable = new MovableClock(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        RecentChanges index = new RecentChanges(changeLog, movable, HORIZON, DataSize.ofMegabytes(64));
        index.warm();
        long running = record("svc-new", now.minusSeconds(30), null, "in_progress");
        assertThat(index.refresh(running)).isPresent();
        assertThat(find(index, running).finishedAt()).isNull();

        ApiClient.Response patched = ingest.patch(
                "/api/v1/changes/" + running,
                "{\"status\": \"succeeded\", \"finishedAt\": \"" + now.plusSeconds(10) + "\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        index.refresh(running);
        assertThat(find(index, running).finishedAt()).isEqualTo(now.plusSeconds(10));
        assertThat(find(index, running).words()).isNotEqualTo(ChangeWords.NONE);

        int before = index.stats().changes();
        movable.advance(Duration.ofHours(30));
        index.trim();
        assertThat(index.stats().coveredFrom()).isEqualTo(movable.instant().minus(HORIZON));
        assertThat(index.stats().changes()).isLessThan(before);
        assertSameAsTheChangeLog(index);
    }

    private void assertSameAsTheChangeLog(RecentChanges index) {
        List<Instant[]> windows = new ArrayList<>();
        windows.add(new Instant[] {now.minus(Duration.ofHours(24)), now});
        windows.add(new Instant[] {now.minus(Duration.ofHours(60)), now.minus(Duration.ofHours(20))});
        windows.add(new Instant[] {now.minus(Duration.ofHours(47)), now.minus(Duration.ofHours(46))});
        windows.add(new Instant[] {now.minus(Duration.ofHours(3)), now.plus(Duration.ofHours(1))});
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            Instant from = now.minus(Duration.ofMinutes(random.nextInt(62 * 60)));
            windows.add(new Instant[] {from, from.plus(Duration.ofMinutes(1 + random.nextInt(30 * 60)))});
        }
        for (Instant[] window : windows) {
            List<Long> expected = changeLog.overlapping(window[0], window[1], Set.of(env)).stream()
                    .map(RecordedChange::id)
                    .sorted()
                    .toList();
            List<Long> actual = index.changes(window[0], window[1], Set.of(env)).stream()
                    .map(CandidateChange::id)
                    .sorted()
                    .toList();
            assertThat(actual).as("window %s to %s", window[0], window[1]).isEqualTo(expected);
        }
        // and the words the index keeps are those of the texts
        for (CandidateChange change : index.changes(now.minus(Duration.ofHours(24)), now, Set.of(env))) {
            RecordedChange recorded = changeLog.find(change.id()).orElseThrow();
            assertThat(change.words())
                    .isEqualTo(RecentChanges.candidate(recorded).words());
            assertThat(index.withTexts(change).files()).isEqualTo(recorded.files());
        }
    }

    private CandidateChange find(RecentChanges index, long id) {
        return index.changes(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), Set.of(env)).stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private long record(String service, Instant started, Instant finished, String status) {
        String body = "{\"service\": \"" + service + "\", \"environment\": \"" + env + "\", \"kind\": \"deploy\","
                + " \"version\": \"v" + started.getEpochSecond() + "\", \"description\": \"Release of " + service
                + "\", \"commits\": [{\"sha\": \"abc\", \"message\": \"Line items for " + service + "\"}],"
                + " \"files\": [\"src/LineItemMapper.java\"], \"startedAt\": \"" + started + "\""
                + (finished == null ? "" : ", \"finishedAt\": \"" + finished + "\"") + ", \"status\": \"" + status
                + "\"}";
        ApiClient.Response response = ingest.post("/api/v1/changes", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private Instant instant;

        MovableClock(Instant instant) {
            this.instant = instant;
        }

        void advance(Duration duration) {
            instant = instant.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
