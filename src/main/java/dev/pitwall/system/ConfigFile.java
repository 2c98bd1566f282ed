package dev.pitwall.system;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a YAML file into {@link ConfigNode}s that remember their line numbers. */
public final class ConfigFile {

    private ConfigFile() {}

    /**
     * The root of the file, or empty with an error when it cannot be read or is not YAML. An empty
     * file is an empty mapping.
     */
    public static Optional<ConfigNode> read(Path path, ConfigErrors errors) {
        String name = path.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(name, reader, errors);
        } catch (IOException e) {
            errors.add(new ConfigError(name, 0, "", "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    public static Optional<ConfigNode> parse(String name, Reader reader, ConfigErrors errors) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(10 * 1024 * 1024);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(reader);
            if (root == null) {
                root = new Yaml().compose(new java.io.StringReader("{}"));
            }
            return Optional.of(new ConfigNode(name, "", root, errors));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            errors.add(new ConfigError(name, line, "", "is not valid YAML: " + e.getProblem()));
            return Optional.empty();
        } catch (RuntimeException e) {
            errors.add(new ConfigError(name, 0, "", "is not valid YAML: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
