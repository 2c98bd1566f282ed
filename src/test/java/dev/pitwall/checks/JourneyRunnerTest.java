package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.ConfigErrors;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Journeys against a real HTTP server on loopback, without Pitwall's server around them. */
class JourneyRunnerTest {

    static ProposalsTarget target;
    static Probes probes;
    static JourneyRunner runner;
    static final Map<String, String> SECRETS = Map.of("PROPOSALS_PASSWORD", "s3cret-pw", "ECHO_KEY", "k-9d8e7f6a5b");

    @BeforeAll
    static void start() throws Exception {
        target = new ProposalsTarget();
        probes = Probes.start(TargetGuard.defaults(), 50, Clock.systemUTC());
        runner = new JourneyRunner(probes, name -> Optional.ofNullable(SECRETS.get(name)), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        probes.close();
        target.close();
    }

    @BeforeEach
    void healthy() {
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    CheckDefinition check(String yaml) {
        ConfigErrors errors = new ConfigErrors();
        List<CheckDefinition> parsed = CheckFormat.parseText("test", yaml.replace("TARGET", target.url("")), errors);
        assertThat(errors.all()).isEmpty();
        return parsed.getFirst();
    }

    CheckResult run(CheckDefinition check) throws Exception {
        return runner.run(1L, check, "manual", null, true).get(30, TimeUnit.SECONDS);
    }

    static final String JOURNEY = """
            name: member can list line items
            service: proposals-app
            critical: true
            steps:
              - name: login
                method: POST
                url: TARGET/api/login
                headers: {Content-Type: application/json}
                body: '{"user": "synthetic", "password": "${secret:PROPOSALS_PASSWORD}"}'
                assert: [status == 200, $.member.id == 42]
              - name: line-items
                url: TARGET/api/members/42/line-items
                headers:
                  Authorization: Bearer ${login.body.token}
                assert:
                  - status == 200
                  - $.items.length() > 0
                  - $.total >= 1
                  - $.items[0].id == 17
                  - header Content-Type contains json
                  - response_time < 5s
            """;

    @Test
    void aLoginThenListJourneyPassesWithTheTokenOfTheFirstStep() throws Exception {
        CheckResult result = run(check(JOURNEY));

        assertThat(result.ok()).as(result.failure()).isTrue();
        assertThat(result.steps()).extracting(StepResult::name).containsExactly("login", "line-items");
        assertThat(result.steps().get(1).assertions())
                .allMatch(AssertionResult::passed)
                .hasSize(6);
        assertThat(result.steps().get(1).timings().firstByteMs()).isNotNull();
        assertThat(result.steps().get(0).headers()).containsEntry("set-cookie", "(hidden)");
    }

    @Test
    void twoHundredWithAnEmptyListIsCaughtWithExpectedAndActual() throws Exception {
        target.mode(ProposalsTarget.Mode.EMPTY_LIST);

        CheckResult result = run(check(JOURNEY));

        assertThat(result.ok()).isFalse();
        assertThat(result.failedStep()).isEqualTo("line-items");
        assertThat(result.failure())
                .contains("step 'line-items'")
                .contains("$.items.length() > 0: expected > 0, got 0");
        StepResult step = result.steps().get(1);
        assertThat(step.status()).isEqualTo(200);
        assertThat(step.excerpt()).contains("\"items\": []");
        assertThat(step.assertions())
                .filteredOn(a -> !a.passed())
                .extracting(AssertionResult::assertion)
                .containsExactly("$.items.length() > 0", "$.total >= 1", "$.items[0].id == 17");
    }

    @Test
    void aFailedStepSkipsTheStepsAfterIt() throws Exception {
        CheckResult result = run(check(JOURNEY.replace("${secret:PROPOSALS_PASSWORD}", "wrong")));

        assertThat(result.ok()).isFalse();
        assertThat(result.failedStep()).isEqualTo("login");
        assertThat(result.failure()).contains("status == 200: expected == 200, got 401");
        assertThat(result.steps().get(1).skipped()).isTrue();
    }

    @Test
    void aMissingSecretFailsTheStepNamingWhereToSetIt() throws Exception {
        CheckResult result = run(check(JOURNEY.replace("PROPOSALS_PASSWORD", "NOT_SET_ANYWHERE")));

        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).contains("the secret NOT_SET_ANYWHERE is not set");
    }

    @Test
    void secretsAreMaskedEvenWhenTheTargetEchoesThem() throws Exception {
        CheckResult result = run(check("""
                name: echo
                service: proposals-app
                url: TARGET/echo?key=${secret:ECHO_KEY}
                method: POST
                headers: {X-Api-Key: "${secret:ECHO_KEY}"}
                body: 'key ${secret:ECHO_KEY}'
                assert: [body contains nothing-like-this]
                """));

        String stored = JsonMapper.builder().build().writeValueAsString(result);
        assertThat(result.ok()).isFalse();
        assertThat(stored).doesNotContain("k-9d8e7f6a5b").contains("[secret:ECHO_KEY]");
    }

    @Test
    void capturesAndCookiesCarryOverToLaterSteps() throws Exception {
        CheckResult result = run(check("""
                name: captured
                service: proposals-app
                steps:
                  - name: login
                    method: POST
                    url: TARGET/api/login
                    body: '{"password": "${secret:PROPOSALS_PASSWORD}"}'
                    capture: {token: $.token, member: $.member.id}
                  - name: list
                    url: TARGET/api/members/${member}/line-items
                    headers: {Authorization: "Bearer ${token}"}
                    assert:
                      - $.items[*].id contains 18
                """));

        assertThat(result.ok()).as(result.failure()).isTrue();
    }

    @Test
    void redirectsAreFollowedUnlessTheStepSaysNot() throws Exception {
        String yaml = """
                name: redirect
                service: proposals-app
                url: TARGET/redirect
                follow_redirects: FOLLOW
                assert: [status == 401]
                """;
        CheckResult followed = run(check(yaml.replace("FOLLOW", "true")));
        assertThat(followed.ok()).as(followed.failure()).isTrue();
        CheckResult notFollowed = run(check(yaml.replace("FOLLOW", "false")));
        assertThat(notFollowed.failure()).contains("expected == 401, got 302");
    }

    @Test
    void aRefusedConnectionIsAFailureThatSaysSo() throws Exception {
        CheckResult result = run(check("""
                name: refused
                service: proposals-app
                url: http://127.0.0.1:1/
                """));

        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).contains("connection refused");
    }

    @Test
    void aHungTargetTimesOutWithoutHoldingUpOtherChecks() throws Exception {
        target.mode(ProposalsTarget.Mode.HANG);
        CheckDefinition hung = check("""
                name: hung
                service: proposals-app
                url: TARGET/api/members/42/line-items
                headers:
                  Authorization: Bearer tok-7f3a9c
                timeout: 1s
                """);
        CompletableFuture<CheckResult> slow = runner.run(1L, hung, "schedule", null, false);
        CheckResult quick = run(check("""
                name: tcp
                service: proposals-app
                tcp: 127.0.0.1:PORT
                assert: [response_time < 2s]
                """.replace("PORT", Integer.toString(target.port()))));

        assertThat(quick.ok()).as(quick.failure()).isTrue();
        assertThat(slow).isNotDone();
        CheckResult timedOut = slow.get(10, TimeUnit.SECONDS);
        assertThat(timedOut.failure()).contains("within 1.00 s");
        assertThat(timedOut.durationMs()).isLessThan(Duration.ofSeconds(5).toMillis());
    }

    @Test
    void metadataAddressesAreRefusedBeforeConnecting() throws Exception {
        CheckResult result = run(check("""
                name: metadata
                service: proposals-app
                url: http://169.254.169.254/latest/meta-data/
                timeout: 1s
                """));

        assertThat(result.failure())
                .contains("blocked")
                .contains("169.254.169.254")
                .contains("allowed-targets");
    }

    @Test
    void anAllowListedMetadataAddressIsTriedInsteadOfBlocked() throws Exception {
        CheckDefinition metadata = check("""
                name: metadata allowed
                service: proposals-app
                url: http://169.254.169.254/latest/meta-data/
                timeout: 500ms
                """);
        try (Probes allowing = Probes.start(new TargetGuard(List.of("169.254.169.254/32")), 4, Clock.systemUTC())) {
            CheckResult result = new JourneyRunner(allowing, name -> Optional.empty(), Clock.systemUTC())
                    .run(1L, metadata, "manual", null, true)
                    .get(10, TimeUnit.SECONDS);

            assertThat(result.ok()).isFalse();
            assertThat(result.failure()).doesNotContain("blocked");
        }
    }

    @Test
    void dnsStepsResolveThroughTheSystemResolver() throws Exception {
        CheckResult result = run(check("""
                name: dns
                service: proposals-app
                dns: localhost
                assert: [answers contains 127.0.0.1, answers.count >= 1]
                """));

        assertThat(result.ok()).as(result.failure()).isTrue();
        assertThat(result.steps().getFirst().answers()).contains("127.0.0.1");
    }
}
