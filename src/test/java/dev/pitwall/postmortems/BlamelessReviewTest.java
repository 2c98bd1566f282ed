package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blameless review on a corpus: each sentence with the rules that must flag it (empty: none
 * may). The sentences are the kind postmortems contain; every rule has sentences it must flag and
 * sentences it must let pass, here and in the examples of its data file.
 */
class BlamelessReviewTest {

    static final BlamelessReviewer REVIEWER = BlamelessRules.defaultReviewer();
    static final Set<String> PEOPLE = Set.of("alice", "bob.k", "ana");

    @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            I'll admit it, it was my fault.                                     | fault
            This was Bob's fault, plain and simple.                             | fault,person-as-subject
            The deploy script did not run migrations.                           |
            The migration did not run because the deploy job has no such step. |
            The outage was caused by human error.                               | human-error
            The API returned a 500 error to every user.                         |
            Alice should have checked the migration.                            | person-as-subject,should-have
            Each service should have an owner and a runbook.                    |
            We shouldn't have skipped the canary.                               | should-not-have
            Read-only tokens should not have access to admin endpoints.         |
            The on-call engineer failed to acknowledge the page.                | failed-to
            The check failed after 14 seconds and raised a signal.              |
            A careless change to the config broke checkout.                     | careless
            We carefully rolled back the flag.                                  |
            The team was negligent about backups.                               | negligent
            The extra latency was negligible.                                   |
            Why didn't anyone look at the error rate?                           | why-didnt
            Why the alert fired late: its threshold was 10 minutes.             |
            Obviously the migration had to run first.                           | obviously
            The cause was not obvious from the dashboard.                       |
            The root cause was a missing index.                                 | root-cause
            Contributing factors are listed below.                              |
            They just had to restart the service.                               | just
            The alert fired just after 18:00.                                   |
            Simply restarting the pod would have fixed it.                      | simply
            We simplify the runbook.                                            |
            Someone forgot to run the migration.                                | forgot-to
            The migration step is manual and missing from the checklist.        |
            The database team was blamed for the outage.                        | blame
            This is a blameless review.                                         |
            A mistake by the release manager caused the outage.                 | mistake-by
            A mistake in the config format is reported at start.                |
            On-call dropped the ball on the second page.                        | dropped-the-ball
            Requests were dropped by the load balancer.                         |
            This outage could have been avoided.                                | could-have-avoided
            The retry avoided a second failure.                                 |
            That was a reckless deploy.                                         | judgement
            Lazy loading of the line items was turned off.                      |
            I messed up the config.                                             | messed-up
            The config was deployed with the staging URL.                       |
            On-call ignored the alert.                                          | ignored-warning
            The alert was silenced for the maintenance window.                  |
            He wasn't paying attention to the graphs.                           | attention,person-as-subject
            The dashboard draws attention to failing checks.                    |
            If only someone had looked at the logs.                             | if-only
            Only one region was affected.                                       |
            Bob forgot to run the migration.                                    | forgot-to,person-as-subject
            alice accidentally broke checkout with the new flag.                | person-as-subject
            bob.k skipped the canary stage.                                     | person-as-subject
            Carol's mistake took the site down.                                 | person-as-subject
            She never checked the logs.                                         | person-as-subject
            Alice deployed 2.14.0 at 18:00 and watched the error rate.          |
            The deploy failed at 18:02.                                         |
            Deploy broke the line items page.                                   |
            Ana noticed the empty list and paged the team.                      |
            I deployed 2.14.0 without the migration; the runbook did not list it. |
            """)
    void flagsBlamingSentencesAndLetsFactsPass(String sentence, String expected) {
        List<String> wanted = expected == null ? List.of() : Arrays.asList(expected.split(","));
        List<String> found = REVIEWER.review(sentence, PEOPLE).stream()
                .map(Finding::rule)
                .distinct()
                .sorted()
                .toList();
        assertThat(found)
                .as(sentence)
                .containsExactlyElementsOf(wanted.stream().sorted().toList());
    }

    static Stream<Arguments> examplesOfTheDataFile() {
        return BlamelessRules.builtIn().stream()
                .flatMap(rule -> Stream.concat(
                        rule.flags().stream().map(s -> Arguments.of(rule.name(), s, true)),
                        rule.passes().stream().map(s -> Arguments.of(rule.name(), s, false))));
    }

    @ParameterizedTest(name = "[{index}] {0}: \"{1}\" flagged={2}")
    @MethodSource("examplesOfTheDataFile")
    void everyRuleFlagsItsFlagExamplesAndPassesItsPassExamples(String rule, String sentence, boolean flagged) {
        boolean found = REVIEWER.review(sentence, Set.of()).stream()
                .anyMatch(f -> f.rule().equals(rule));
        assertThat(found).as(rule + ": " + sentence).isEqualTo(flagged);
    }

    @Test
    void everyBuiltInRuleHasSentencesToFlagAndToPass() {
        assertThat(BlamelessRules.builtIn()).hasSizeGreaterThanOrEqualTo(20).allSatisfy(rule -> {
            assertThat(rule.flags()).as(rule.name()).isNotEmpty();
            assertThat(rule.passes()).as(rule.name()).isNotEmpty();
        });
    }

    @Test
    void aFindingNamesThePhraseWhyItMattersAndASuggestion() {
        List<Finding> findings = REVIEWER.review(
                List.of(new ReviewedText("factors[7]", "Contributing factor 1", "The root cause was human error.")),
                Set.of());

        assertThat(findings).extracting(Finding::rule).containsExactly("root-cause", "human-error");
        Finding rootCause = findings.getFirst();
        assertThat(rootCause.phrase()).isEqualTo("root cause");
        assertThat(rootCause.start()).isEqualTo(4);
        assertThat(rootCause.location()).isEqualTo("factors[7]");
        assertThat(rootCause.suggestion()).contains("contributing factors");
        assertThat(rootCause.why()).isNotBlank();
        assertThat(rootCause.key()).isEqualTo("root-cause|factors[7]|root cause");
    }
}
