package dev.pitwall.postmortems;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigNode;
import dev.pitwall.system.ConfigSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code postmortems} section of pitwall.yaml, where a team extends the blameless review:
 *
 * <pre>
 * postmortems:
 *   blameless:
 *     rules_file: blameless-rules.team.yaml   # same format as the built-in file; relative to pitwall.yaml
 *     disable: [just, simply]                  # built-in rules this team does not want
 *     rules:                                   # or rules written right here
 *       - name: heroics
 *         pattern: '\bhero(?:es|ics)?\b'
 *         why: Heroics hide the missing safeguard.
 *         suggestion: Say what the person did and what would make it unnecessary.
 * </pre>
 */
@Component
class PostmortemsConfigSection implements ConfigSection<BlamelessRules.FromConfig> {

    private final BlamelessRules rules;
    private final Path configDirectory;

    PostmortemsConfigSection(BlamelessRules rules, @Value("${pitwall.config-file:}") String configFile) {
        this.rules = rules;
        Path file = Path.of(configFile == null || configFile.isBlank() ? "pitwall.yaml" : configFile.trim())
                .toAbsolutePath();
        this.configDirectory = file.getParent();
    }

    @Override
    public String key() {
        return "postmortems";
    }

    @Override
    public BlamelessRules.FromConfig parse(ConfigNode node, ConfigErrors errors) {
        if (node == null) {
            return BlamelessRules.FromConfig.NONE;
        }
        node.rejectUnknownKeys(List.of("blameless"));
        ConfigNode blameless = node.get("blameless").orElse(null);
        if (blameless == null) {
            return BlamelessRules.FromConfig.NONE;
        }
        blameless.rejectUnknownKeys(List.of("rules_file", "disable", "rules"));
        List<BlamelessRule> declared = new ArrayList<>();
        blameless.string("rules_file").ifPresent(name -> {
            Path file = configDirectory.resolve(name.trim());
            ConfigErrors fileErrors = new ConfigErrors();
            declared.addAll(BlamelessRules.read(file, fileErrors));
            fileErrors
                    .all()
                    .forEach(e -> errors.add(new dev.pitwall.system.ConfigError(
                            e.file(),
                            e.line(),
                            e.field(),
                            e.message() + " (named in " + blameless.path() + ".rules_file)")));
        });
        blameless.get("rules").ifPresent(list -> declared.addAll(BlamelessRuleFile.rules(list, blameless.file())));
        Set<String> disabled = new LinkedHashSet<>();
        Set<String> known = new LinkedHashSet<>(rules.knownNames());
        declared.forEach(r -> known.add(r.name()));
        blameless.get("disable").ifPresent(list -> {
            for (String name : blameless.stringList("disable")) {
                if (!known.contains(name.trim())) {
                    list.error("'" + name + "' is not a rule; rules are " + String.join(", ", known));
                } else {
                    disabled.add(name.trim());
                }
            }
        });
        return new BlamelessRules.FromConfig(declared, disabled);
    }

    @Override
    public void apply(BlamelessRules.FromConfig parsed) {
        rules.apply(parsed);
    }
}
