package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitwall.system.ConfigError;
import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigFile;
import dev.pitwall.system.ConfigNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams extend the blameless review with rules of their own, tested against their examples as they load. */
class TeamBlamelessRulesTest {

    static final String HEROICS = """
            rules:
              - name: heroics
                pattern: '\\bhero(?:es|ic|ics)?\\b'
                why: Heroics hide the safeguard that was missing.
                suggestion: Say what the person did and what would make it unnecessary next time.
                examples:
                  flag: ["Dana was the hero of the night."]
                  pass: ["The hero image of the landing page did not load."]
            """;

    @TempDir
    Path dir;

    BlamelessRules.FromConfig parse(PostmortemsConfigSection section, String yaml, ConfigErrors errors) {
        ConfigNode root =
                ConfigFile.parse("pitwall.yaml", new StringReader(yaml), errors).orElseThrow();
        return section.parse(root.get("postmortems").orElse(null), errors);
    }

    @Test
    void aRuleThatContradictsItsOwnExamplesIsRefusedWithTheLineAndField() {
        ConfigErrors errors = new ConfigErrors();

        BlamelessRuleFile.parse("team.yaml", HEROICS, errors);

        assertThat(errors.all()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("team.yaml");
            assertThat(e.field()).isEqualTo("rules[0].examples.pass");
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.message()).contains("matches 'hero' in example 1");
        });
    }

    @Test
    void everyMistakeOfARulesFileIsNamed() {
        ConfigErrors errors = new ConfigErrors();

        BlamelessRuleFile.parse("team.yaml", """
                rules:
                  - name: Bad Name
                    pattern: '(unclosed'
                    why: ""
                  - name: empty
                    pattern: 'x*'
                    why: w
                    suggestion: s
                    extra: 1
                """, errors);

        assertThat(errors.all())
                .extracting(ConfigError::field)
                .contains(
                        "rules[0].name",
                        "rules[0].pattern",
                        "rules[0].why",
                        "rules[0].suggestion",
                        "rules[1].pattern",
                        "rules[1].extra");
        assertThat(errors.all().toString())
                .contains("not a valid regular expression")
                .contains("matches empty text");
    }

    @Test
    void pitwallYamlAddsATeamFileAndSwitchesBuiltInRulesOff() throws IOException {
        Files.writeString(
                dir.resolve("team-rules.yaml"), HEROICS.replace("hero(?:es|ic|ics)?", "hero(?:es|ics)?(?!\\s+image)"));
        Path config = dir.resolve("pitwall.yaml");
        BlamelessRules rules = new BlamelessRules("");
        PostmortemsConfigSection section = new PostmortemsConfigSection(rules, config.toString());
        ConfigErrors errors = new ConfigErrors();

        BlamelessRules.FromConfig parsed = parse(section, """
                postmortems:
                  blameless:
                    rules_file: team-rules.yaml
                    disable: [just, simply]
                    rules:
                      - name: root-cause
                        pattern: '\\broot[- ]cause\\b'
                        why: Our own wording.
                        suggestion: List contributing factors.
                """, errors);
        section.apply(parsed);

        assertThat(errors.all()).isEmpty();
        BlamelessReviewer reviewer = rules.reviewer();
        assertThat(reviewer.review("Dana was the hero of the night.", Set.of()))
                .extracting(Finding::rule)
                .containsExactly("heroics");
        assertThat(reviewer.review("They just had to restart it, simply.", Set.of()))
                .isEmpty();
        assertThat(reviewer.review("The root cause was DNS.", Set.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.why()).isEqualTo("Our own wording."));
        assertThat(rules.inForce()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("heroics");
            assertThat(r.source()).isEqualTo("team-rules.yaml");
        });

        section.apply(parse(section, "postmortems: {}\n", new ConfigErrors()));
        assertThat(rules.reviewer().review("They just had to restart it.", Set.of()))
                .extracting(Finding::rule)
                .containsExactly("just");
    }

    @Test
    void pitwallYamlNamingAMissingFileOrAnUnknownRuleIsAnError() {
        BlamelessRules rules = new BlamelessRules("");
        PostmortemsConfigSection section =
                new PostmortemsConfigSection(rules, dir.resolve("pitwall.yaml").toString());
        ConfigErrors errors = new ConfigErrors();

        parse(section, """
                postmortems:
                  blameless:
                    rules_file: nowhere.yaml
                    disable: [no-such-rule]
                """, errors);

        assertThat(errors.all().toString())
                .contains("does not exist")
                .contains("postmortems.blameless.disable")
                .contains("'no-such-rule' is not a rule");
    }

    @Test
    void anInvalidFileInTheSettingStopsTheStartWithItsProblems() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "rules:\n  - name: x\n    pattern: '['\n    why: w\n    suggestion: s\n");

        assertThatThrownBy(() -> new BlamelessRules(file.toString()))
                .hasMessageContaining("PITWALL_BLAMELESS_RULES")
                .hasMessageContaining("bad.yaml:3: rules[0].pattern");
    }
}
