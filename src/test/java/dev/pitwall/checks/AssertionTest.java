package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of assertion against one response, table-driven like Gatus's condition tests. */
class AssertionTest {

    static final StepObservation RESPONSE = StepObservation.http(
            "http://proposals.test/api/members/42/line-items",
            200,
            Map.of("content-type", List.of("application/json; charset=utf-8"), "x-request-id", List.of("r-17")),
            """
            {"total": 2, "status": "active", "id": "17", "items": [{"id": 17, "price": 12.5}, {"id": 18, "price": 7.5}],
             "empty": [], "owner": null, "flags": {"beta": true}}""",
            false,
            45L,
            null,
            new StepTimings(1.5, 20.0, 132.0));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "status == 200                         | true  | 200",
                "status != 200                         | false | 200",
                "status in 200..299                    | true  | 200",
                "status in [201, 204]                  | false | 200",
                "status == 2xx                         | true  | 200",
                "status < 400                          | true  | 200",
                "response_time < 800ms                 | true  | 132 ms",
                "response_time < 0.1s                  | false | 132 ms",
                "body contains \"PLAN\"                | false | ",
                "body contains \"price\"               | true  | ",
                "body !contains error                  | true  | ",
                "body matches \"\\\"id\\\":\\s*18\"    | true  | ",
                "header Content-Type contains json     | true  | application/json; charset=utf-8",
                "header X-Request-Id == r-17           | true  | r-17",
                "header Location exists                | false | no Location header",
                "header Location !exists               | true  | no Location header",
                "$.items.length() > 0                  | true  | 2",
                "$.empty.length() > 0                  | false | 0",
                "$.total >= 1                          | true  | 2",
                "$.items[0].id == 17                   | true  | 17",
                "$.items[-1].id == 18                  | true  | 18",
                "$.items[*].id contains 18             | true  | [17,18]",
                "$.items[*].id !contains 99            | true  | [17,18]",
                "$.items[*].price.sum() == 20          | true  | 20.0",
                "$.items[*].price.max() < 10           | false | 12.5",
                "$.status == active                    | true  | \"active\"",
                "$.status == \"inactive\"              | false | \"active\"",
                "$.status in [active, pending]         | true  | \"active\"",
                "$.id == 17                            | true  | \"17\"",
                "$.flags.beta == true                  | true  | true",
                "$.owner == null                       | true  | null",
                "$.missing exists                      | false | nothing at $.missing",
                "$.missing !exists                     | true  | nothing at $.missing",
                "$['flags']['beta'] == true            | true  | true",
                "$.flags.keys() contains beta          | true  | [\"beta\"]",
                "$.status matches ^act                 | true  | \"active\"",
                "tls.days_left > 14                    | true  | 45 days",
                "tls.days_left > 60                    | false | 45 days",
                "$.items.length() not in 0..0          | true  | 2",
            })
    void judgesAResponse(String text, boolean passes, String actual) {
        AssertionResult result = Assertion.parse(text).evaluate(RESPONSE);

        assertThat(result.passed()).as(result.describe()).isEqualTo(passes);
        if (actual != null) {
            assertThat(result.actual()).isEqualTo(actual);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "status = 200               | is not an operator",
                "status contains 2          | status cannot be compared with",
                "latency < 5                | is not something a check can assert on",
                "status in 300..200         | the range 300..200 is empty",
                "status in 200              | takes a range (200..299) or a list",
                "body matches \"(\"         | is not a regular expression",
                "$.items[?(@.id == 1)] exists | filters like [?(...)] are not supported",
                "$.items.foo() > 1          | unknown function foo()",
                "response_time < soon       | is not a duration",
                "$.a exists 3               | takes no value",
                "status ==                  | a value is missing",
            })
    void refusesWhatItCannotJudgeSayingWhy(String text, String message) {
        assertThatThrownBy(() -> Assertion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "$.items.length() > 0 | an empty body, not JSON",
            })
    void aJsonAssertionOnAnEmptyBodyFailsSayingSo(String text, String actual) {
        StepObservation empty = StepObservation.http("u", 200, Map.of(), "", false, null, null, StepTimings.total(1));

        AssertionResult result = Assertion.parse(text).evaluate(empty);

        assertThat(result.passed()).isFalse();
        assertThat(result.actual()).isEqualTo(actual);
    }

    @org.junit.jupiter.api.Test
    void aCatastrophicRegularExpressionStopsWithinItsBudget() {
        StepObservation body =
                StepObservation.http("u", 200, Map.of(), "a".repeat(29) + "!", false, null, null, StepTimings.total(1));

        long start = System.nanoTime();
        AssertionResult result = Assertion.parse("body matches (.*a){30}").evaluate(body);

        assertThat(result.passed()).isFalse();
        assertThat(result.actual()).contains("took over 100 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }
}
