package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitwall.system.ConfigError;
import dev.pitwall.system.ConfigErrors;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateAndFormatTest {

    @Test
    void templatesKnowTheirPlaceholders() {
        Template t = Template.parse("Bearer ${login.body.token} for ${member} with ${secret:API_KEY} and $${literal}");

        assertThat(t.parts())
                .hasSize(7)
                .anySatisfy(p -> assertThat(p).isInstanceOf(Template.Secret.class))
                .anySatisfy(p -> assertThat(p).isInstanceOf(Template.Captured.class))
                .anySatisfy(p -> assertThat(p).isInstanceOf(Template.FromStep.class));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "${unclosed           | is never closed",
                "${secret:}           | does not name a secret",
                "${login.cookies.x}   | reads nothing a step has",
                "${a b}               | is not a placeholder",
            })
    void badPlaceholdersAreRefused(String text, String message) {
        assertThatThrownBy(() -> Template.parse(text)).hasMessageContaining(message);
    }

    @Test
    void aShorthandCheckIsOneStepWithDefaults() {
        CheckDefinition check = parse("""
                name: homepage
                service: proposals-app
                url: https://proposals.example.com/
                """);

        assertThat(check.environment()).isEqualTo("production");
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(check.failAfter()).isEqualTo(2);
        assertThat(check.recoverAfter()).isEqualTo(2);
        assertThat(check.critical()).isFalse();
        assertThat(check.steps()).singleElement().satisfies(step -> {
            assertThat(step.assertions()).extracting(Assertion::source).containsExactly("status in 200..299");
            assertThat(((HttpStep) step).followRedirects()).isTrue();
            assertThat(((HttpStep) step).verifyTls()).isTrue();
        });
    }

    @Test
    void theCanonicalFormReadsBackToTheSameCheck() {
        CheckDefinition check = parse("""
                name: member can list line items
                service: proposals-app
                interval: 90s
                critical: true
                fail_after: 3
                steps:
                  - name: login
                    method: post
                    url: https://proposals.example.com/api/login
                    body: '{"password": "${secret:PW}"}'
                    capture: {token: $.token}
                  - name: tcp
                    tcp: db.internal:5432
                    timeout: 2s
                  - name: dns
                    dns: proposals.example.com
                    type: aaaa
                    server: 1.1.1.1
                """);

        String json = CheckRepository.json(check);
        CheckDefinition again = parse(json);

        assertThat(CheckRepository.json(again)).isEqualTo(json);
        assertThat(again.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(((HttpStep) again.steps().get(0)).method()).isEqualTo("POST");
        assertThat(((DnsStep) again.steps().get(2)).recordType()).isEqualTo("AAAA");
    }

    @Test
    void everyMistakeIsReportedWithItsFieldAndLine() {
        ConfigErrors errors = new ConfigErrors();
        CheckFormat.parseText("checks.yaml", """
                checks:
                  - name: broken
                    service: proposals-app
                    interval: 500ms
                    fail_after: 0
                    colour: red
                    steps:
                      - name: list
                        url: ftp://proposals.example.com/
                        assert: [status = 200]
                      - name: use
                        url: https://proposals.example.com/${nothing}
                      - name: list
                        tcp: nowhere
                """, errors);

        List<ConfigError> all = errors.all();
        assertThat(all)
                .extracting(ConfigError::field)
                .contains(
                        "checks[0].interval",
                        "checks[0].fail_after",
                        "checks[0].colour",
                        "checks[0].steps[0].url",
                        "checks[0].steps[0].assert[0]",
                        "checks[0].steps[1].url",
                        "checks[0].steps[2].name",
                        "checks[0].steps[2].tcp");
        assertThat(all).allSatisfy(e -> {
            assertThat(e.file()).isEqualTo("checks.yaml");
            assertThat(e.line()).isPositive();
        });
        assertThat(all)
                .filteredOn(e -> e.field().equals("checks[0].interval"))
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(4));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1234            | cannot be only digits",
                "a/b             | cannot contain '/'",
            })
    void checkNamesMustBeAddressable(String name, String message) {
        assertThat(CheckFormat.nameProblem(name)).contains(message);
    }

    @Test
    void durationsAreWrittenTheWayTheFileReadsThem() {
        assertThat(CheckFormat.duration(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(CheckFormat.duration(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(CheckFormat.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(CheckFormat.duration(Duration.ofHours(2))).isEqualTo("2h");
    }

    static CheckDefinition parse(String text) {
        ConfigErrors errors = new ConfigErrors();
        List<CheckDefinition> checks = CheckFormat.parseText("test", text, errors);
        assertThat(errors.all()).isEmpty();
        return checks.getFirst();
    }
}
