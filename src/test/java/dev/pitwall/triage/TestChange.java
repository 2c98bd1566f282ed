package dev.pitwall.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds candidate changes for tests: a production deploy of one commit unless told otherwise. */
final class TestChange {

    static final Instant IMPACT = Instant.parse("2025-03-11T08:00:00Z");

    private long id = 1;
    private String service = "checkout";
    private String environment = "production";
    private ChangeKind kind = ChangeKind.DEPLOY;
    private Instant startedAt = IMPACT.minus(Duration.ofMinutes(20));
    private Instant finishedAt = IMPACT.minus(Duration.ofMinutes(15));
    private String description = "";
    private List<String> commits = List.of();
    private List<String> files = List.of();
    private int commitCount;
    private Verification verification = Verification.NONE;

    static TestChange change(long id) {
        TestChange change = new TestChange();
        change.id = id;
        return change;
    }

    TestChange service(String service) {
        this.service = service;
        return this;
    }

    TestChange environment(String environment) {
        this.environment = environment;
        return this;
    }

    TestChange kind(ChangeKind kind) {
        this.kind = kind;
        return this;
    }

    /** Finished this many minutes before impact (negative: after), having taken five minutes. */
    TestChange finishedMinutesBefore(long minutes) {
        finishedAt = IMPACT.minus(Duration.ofMinutes(minutes));
        startedAt = finishedAt.minus(Duration.ofMinutes(5));
        return this;
    }

    TestChange startedAndFinished(Instant started, Instant finished) {
        startedAt = started;
        finishedAt = finished;
        return this;
    }

    TestChange description(String description) {
        this.description = description;
        return this;
    }

    TestChange commits(String... commits) {
        this.commits = List.of(commits);
        return this;
    }

    TestChange files(String... files) {
        this.files = List.of(files);
        return this;
    }

    TestChange commitCount(int commitCount) {
        this.commitCount = commitCount;
        return this;
    }

    TestChange verification(Verification verification) {
        this.verification = verification;
        return this;
    }

    CandidateChange build() {
        return new CandidateChange(
                id,
                service,
                environment,
                kind,
                "1.0." + id,
                finishedAt == null ? "running" : "succeeded",
                startedAt,
                finishedAt,
                description,
                commits,
                files,
                commitCount,
                verification);
    }
}
