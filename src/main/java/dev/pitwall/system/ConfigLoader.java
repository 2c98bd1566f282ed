package dev.pitwall.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads {@code pitwall.yaml} (config as code) at start and on reload ({@code SIGHUP} or
 * {@code POST /api/v1/config/reload}). Either the whole file applies or nothing does.
 */
@Component
public class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    /** What a load did: the file, whether it applied, and every problem found. */
    public record Result(String file, boolean applied, List<String> sections, List<ConfigError> errors) {}

    private final List<ConfigSection<?>> sections;
    private final Path file;
    private final boolean explicit;

    ConfigLoader(ObjectProvider<ConfigSection<?>> sections, @Value("${pitwall.config-file:}") String configured) {
        this.sections = sections.stream()
                .sorted(Comparator.comparingInt(ConfigSection::order))
                .toList();
        this.explicit = configured != null && !configured.isBlank();
        this.file = Path.of(explicit ? configured : "pitwall.yaml");
    }

    public Path file() {
        return file;
    }

    /**
     * Parses and validates the file; applies it only when it has no errors. A missing default file
     * means "no configuration as code" and applies empty sections; a missing file that was named
     * explicitly is an error.
     */
    public synchronized Result load() {
        ConfigErrors errors = new ConfigErrors();
        Optional<ConfigNode> root;
        if (Files.exists(file)) {
            root = ConfigFile.read(file, errors);
        } else if (explicit) {
            errors.add(new ConfigError(file.toString(), 0, "", "does not exist"));
            root = Optional.empty();
        } else {
            root = Optional.empty();
        }
        if (!errors.isEmpty()) {
            return new Result(file.toString(), false, List.of(), errors.all());
        }
        root.ifPresent(r -> {
            if (!r.isMap()) {
                r.error("must be a mapping of sections (" + known() + ")");
            } else {
                r.entries().forEach((key, node) -> {
                    if (sections.stream().noneMatch(s -> s.key().equals(key))) {
                        node.error("unknown section; known sections are " + known());
                    }
                });
            }
        });
        Map<ConfigSection<?>, Object> parsed = new LinkedHashMap<>();
        for (ConfigSection<?> section : sections) {
            ConfigNode node = root.flatMap(r -> r.get(section.key())).orElse(null);
            if (node != null && isNull(node)) {
                node = null;
            }
            parsed.put(section, section.parse(node, errors));
        }
        if (!errors.isEmpty()) {
            return new Result(file.toString(), false, List.of(), errors.all());
        }
        List<String> applied = new ArrayList<>();
        parsed.forEach((section, value) -> {
            apply(section, value);
            applied.add(section.key());
        });
        return new Result(file.toString(), true, applied, List.of());
    }

    /** Loads at start and refuses to start on an invalid file, naming every problem. */
    public void loadAtStart() {
        Result result = load();
        if (!result.applied()) {
            throw new StartupRefused(
                    "The configuration file " + file + " is invalid:\n  "
                            + result.errors().stream()
                                    .map(ConfigError::toString)
                                    .collect(Collectors.joining("\n  ")),
                    "Correct the file (each line above names the line and the field), or move it away, and start"
                            + " again.");
        }
        if (Files.exists(file)) {
            log.info("Applied configuration from {} ({})", file, String.join(", ", result.sections()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void apply(ConfigSection<T> section, Object value) {
        section.apply((T) value);
    }

    private static boolean isNull(ConfigNode node) {
        return node.isScalar()
                && node.asString()
                        .map(s -> s.isEmpty() || s.equals("null") || s.equals("~"))
                        .orElse(false);
    }

    private String known() {
        return sections.stream().map(ConfigSection::key).collect(Collectors.joining(", "));
    }
}
