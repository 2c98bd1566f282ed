package dev.pitwall.postmortems;

import dev.pitwall.system.ConfigError;
import dev.pitwall.system.ConfigErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rules in force: the built-in {@code blameless-rules.yaml}, then the rules of the file named by
 * {@code PITWALL_BLAMELESS_RULES}, then those of pitwall.yaml's {@code postmortems.blameless}
 * section. A later rule with the name of an earlier one replaces it; {@code disable} switches
 * rules off by name.
 */
@Component
class BlamelessRules {

    static final String BUILT_IN = "blameless-rules.yaml";
    static final String NAMES = "postmortems/first-names.txt";

    /** What pitwall.yaml adds: its rules (file and inline) and the names of the rules it switches off. */
    record FromConfig(List<BlamelessRule> rules, Set<String> disabled) {

        static final FromConfig NONE = new FromConfig(List.of(), Set.of());

        FromConfig {
            rules = List.copyOf(rules);
            disabled = Set.copyOf(disabled);
        }
    }

    private final List<BlamelessRule> builtIn;
    private final List<BlamelessRule> fromSetting;
    private final Set<String> commonNames;
    private volatile FromConfig fromConfig = FromConfig.NONE;
    private volatile BlamelessReviewer reviewer;

    BlamelessRules(@Value("${pitwall.postmortems.blameless-rules:}") String extraFile) {
        this.builtIn = builtIn();
        this.commonNames = commonNames();
        this.fromSetting = extraFile == null || extraFile.isBlank() ? List.of() : fromFile(Path.of(extraFile.trim()));
        this.reviewer = compose();
    }

    BlamelessReviewer reviewer() {
        return reviewer;
    }

    /** Every rule name in force or available, for checking {@code disable} lists. */
    Set<String> knownNames() {
        Set<String> names = new TreeSet<>();
        builtIn.forEach(r -> names.add(r.name()));
        fromSetting.forEach(r -> names.add(r.name()));
        names.add(PersonAsSubjectPolicy.NAME);
        return names;
    }

    void apply(FromConfig config) {
        this.fromConfig = config;
        this.reviewer = compose();
    }

    /** The rules in force with where each came from, for the API and the rules page. */
    List<RuleView> inForce() {
        return reviewer.policies().stream()
                .map(p -> p instanceof PhrasePolicy phrase
                        ? new RuleView(
                                phrase.name(),
                                phrase.rule().pattern().pattern(),
                                phrase.rule().why(),
                                phrase.rule().suggestion(),
                                phrase.rule().flags(),
                                phrase.rule().passes(),
                                phrase.rule().source())
                        : new RuleView(
                                p.name(),
                                null,
                                "A person named as the subject of a failure (the incident's people or a common first"
                                        + " name): \"Bob forgot to…\", \"alice's mistake\".",
                                "Make the work or the system the subject and say what allowed it.",
                                List.of("Bob forgot to run the migration.", "Carol's mistake broke checkout."),
                                List.of("The deploy forgot nothing: the migration step is manual."),
                                "built-in"))
                .toList();
    }

    /** A rule as the API and the rules page show it. */
    record RuleView(
            String name,
            String pattern,
            String why,
            String suggestion,
            List<String> flags,
            List<String> passes,
            String source) {}

    private BlamelessReviewer compose() {
        Map<String, BlamelessRule> rules = new LinkedHashMap<>();
        for (List<BlamelessRule> layer : List.of(builtIn, fromSetting, fromConfig.rules())) {
            layer.forEach(r -> rules.put(r.name(), r));
        }
        List<BlamelessPolicy> policies = new ArrayList<>();
        rules.values().stream()
                .filter(r -> !fromConfig.disabled().contains(r.name()))
                .map(PhrasePolicy::new)
                .forEach(policies::add);
        if (!fromConfig.disabled().contains(PersonAsSubjectPolicy.NAME)) {
            policies.add(new PersonAsSubjectPolicy(commonNames));
        }
        return new BlamelessReviewer(policies);
    }

    /** The built-in reviewer with every rule, as a fresh server has it (for tests and the CLI). */
    static BlamelessReviewer defaultReviewer() {
        List<BlamelessPolicy> policies = new ArrayList<>();
        builtIn().stream().map(PhrasePolicy::new).forEach(policies::add);
        policies.add(new PersonAsSubjectPolicy(commonNames()));
        return new BlamelessReviewer(policies);
    }

    static List<BlamelessRule> builtIn() {
        ConfigErrors errors = new ConfigErrors();
        List<BlamelessRule> rules = BlamelessRuleFile.parse(BUILT_IN, resource(BUILT_IN), errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The built-in " + BUILT_IN + " is invalid: " + describe(errors.all()));
        }
        return rules.stream()
                .map(r -> new BlamelessRule(
                        r.name(), r.pattern(), r.why(), r.suggestion(), r.flags(), r.passes(), "built-in"))
                .toList();
    }

    static Set<String> commonNames() {
        return resource(NAMES)
                .lines()
                .filter(line -> !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Reads a team's rules file; refuses to start with every problem listed when it is invalid. */
    static List<BlamelessRule> fromFile(Path file) {
        ConfigErrors errors = new ConfigErrors();
        List<BlamelessRule> rules = read(file, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(
                    "PITWALL_BLAMELESS_RULES names an invalid rules file: " + describe(errors.all()));
        }
        return rules;
    }

    static List<BlamelessRule> read(Path file, ConfigErrors errors) {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            errors.add(new ConfigError(file.toString(), 0, "", "does not exist or is not a file"));
            return List.of();
        }
        try {
            return BlamelessRuleFile.parse(name, Files.readString(file, StandardCharsets.UTF_8), errors);
        } catch (IOException e) {
            errors.add(new ConfigError(file.toString(), 0, "", "cannot be read: " + e.getMessage()));
            return List.of();
        }
    }

    private static String describe(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("; "));
    }

    private static String resource(String name) {
        try (InputStream in = BlamelessRules.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
