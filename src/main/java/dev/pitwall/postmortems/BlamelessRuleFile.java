package dev.pitwall.postmortems;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigFile;
import dev.pitwall.system.ConfigNode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a rules file in the format of {@code blameless-rules.yaml}. Every problem is reported with
 * the file, line and field, including a rule that does not flag one of its own {@code flag}
 * sentences or flags one of its {@code pass} sentences: a team's rule is tested as it loads.
 */
final class BlamelessRuleFile {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final List<String> RULE_FIELDS = List.of("name", "pattern", "why", "suggestion", "examples");

    private BlamelessRuleFile() {}

    static List<BlamelessRule> parse(String file, String text, ConfigErrors errors) {
        Optional<ConfigNode> root = ConfigFile.parse(file, new StringReader(text), errors);
        if (root.isEmpty()) {
            return List.of();
        }
        if (!root.get().isMap()) {
            root.get().error("must be a mapping with a 'rules:' list");
            return List.of();
        }
        root.get().rejectUnknownKeys(List.of("rules"));
        Optional<ConfigNode> list = root.get().require("rules");
        return list.map(l -> rules(l, file)).orElse(List.of());
    }

    static List<BlamelessRule> rules(ConfigNode list, String source) {
        List<BlamelessRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : list.items()) {
            if (!node.isMap()) {
                node.error("must be a rule with name, pattern, why and suggestion");
                continue;
            }
            node.rejectUnknownKeys(RULE_FIELDS);
            Optional<String> name = node.requiredString("name").map(String::trim);
            name.ifPresent(n -> {
                if (!NAME.matcher(n).matches()) {
                    node.get("name")
                            .orElseThrow()
                            .error("is 1 to 60 lower-case letters, digits or -, such as 'human-error'");
                } else if (n.equals(PersonAsSubjectPolicy.NAME)) {
                    node.get("name").orElseThrow().error("'" + n + "' is a built-in rule in code; choose another name");
                } else if (!names.add(n)) {
                    node.get("name").orElseThrow().error("another rule of this file is named '" + n + "'");
                }
            });
            Optional<Pattern> pattern = node.requiredString("pattern").flatMap(p -> compile(p, node));
            Optional<String> why = text(node, "why");
            Optional<String> suggestion = text(node, "suggestion");
            List<String> flags = new ArrayList<>();
            List<String> passes = new ArrayList<>();
            node.get("examples").ifPresent(examples -> {
                examples.rejectUnknownKeys(List.of("flag", "pass"));
                flags.addAll(examples.stringList("flag"));
                passes.addAll(examples.stringList("pass"));
                pattern.ifPresent(p -> {
                    for (int i = 0; i < flags.size(); i++) {
                        if (!p.matcher(flags.get(i)).find()) {
                            examples.get("flag")
                                    .orElseThrow()
                                    .error("the pattern does not match example " + (i + 1) + " ('" + flags.get(i)
                                            + "'), which it must flag");
                        }
                    }
                    for (int i = 0; i < passes.size(); i++) {
                        java.util.regex.Matcher m = p.matcher(passes.get(i));
                        if (m.find()) {
                            examples.get("pass")
                                    .orElseThrow()
                                    .error("the pattern matches '" + m.group() + "' in example " + (i + 1) + " ('"
                                            + passes.get(i) + "'), which it must let pass");
                        }
                    }
                });
            });
            if (name.isPresent() && pattern.isPresent() && why.isPresent() && suggestion.isPresent()) {
                rules.add(new BlamelessRule(
                        name.get(), pattern.get(), why.get(), suggestion.get(), flags, passes, source));
            }
        }
        return rules;
    }

    private static Optional<String> text(ConfigNode node, String field) {
        Optional<String> value = node.requiredString(field).map(String::trim);
        if (value.isPresent() && (value.get().isEmpty() || value.get().length() > 2000)) {
            node.get(field).orElseThrow().error("is 1 to 2000 characters");
            return Optional.empty();
        }
        return value;
    }

    private static Optional<Pattern> compile(String text, ConfigNode node) {
        ConfigNode at = node.get("pattern").orElseThrow();
        if (text.isBlank() || text.length() > 2000) {
            at.error("is a regular expression of 1 to 2000 characters");
            return Optional.empty();
        }
        try {
            Pattern pattern = Pattern.compile(text, BlamelessRule.FLAGS);
            if (pattern.matcher("").find() || pattern.matcher(" ").find()) {
                at.error("matches empty text, so it would flag everything");
                return Optional.empty();
            }
            return Optional.of(pattern);
        } catch (PatternSyntaxException e) {
            at.error("is not a valid regular expression: " + e.getDescription() + " near position " + e.getIndex());
            return Optional.empty();
        }
    }
}
