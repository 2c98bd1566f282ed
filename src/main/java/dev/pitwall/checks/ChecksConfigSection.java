package dev.pitwall.checks;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigNode;
import dev.pitwall.system.ConfigSection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The {@code checks} section of pitwall.yaml: a list of checks in {@link CheckFormat}. Applying it
 * adds and updates the checks it declares (marked {@code source = config}, read-only in the UI and
 * API) and removes the ones it no longer declares. Applies after {@code services}.
 */
@Component
class ChecksConfigSection implements ConfigSection<List<ChecksConfigSection.Declared>> {

    record Declared(CheckDefinition definition, String file, int line) {}

    private final CheckService checks;

    ChecksConfigSection(CheckService checks) {
        this.checks = checks;
    }

    @Override
    public String key() {
        return "checks";
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<Declared> parse(ConfigNode node, ConfigErrors errors) {
        List<Declared> declared = new ArrayList<>();
        if (node == null) {
            return declared;
        }
        if (!node.isList()) {
            node.error("must be a list of checks, each starting with '- name: …'");
            return declared;
        }
        Set<String> names = new HashSet<>();
        for (ConfigNode item : node.items()) {
            Optional<CheckDefinition> parsed = CheckFormat.parse(item);
            if (parsed.isEmpty()) {
                continue;
            }
            if (!names.add(parsed.get().name().toLowerCase(Locale.ROOT))) {
                item.get("name")
                        .orElse(item)
                        .error("another check above has the name '"
                                + parsed.get().name() + "'");
                continue;
            }
            declared.add(new Declared(parsed.get(), item.file(), item.line()));
        }
        return declared;
    }

    @Override
    public void apply(List<Declared> declared) {
        checks.applyConfig(declared);
    }
}
