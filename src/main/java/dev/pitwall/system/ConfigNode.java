package dev.pitwall.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of {@code pitwall.yaml} that knows where it is (file, line, dotted path), so that every
 * error can name the file, the line and the field. Typed getters report a wrong type to
 * {@link ConfigErrors} and return empty instead of throwing, so one pass finds every mistake.
 */
public final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String file;
    private final String path;
    private final Node node;
    private final ConfigErrors errors;

    public ConfigNode(String file, String path, Node node, ConfigErrors errors) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.errors = errors;
    }

    public String file() {
        return file;
    }

    /** The dotted path of this node, such as {@code checks[2].steps[0].url}. */
    public String path() {
        return path;
    }

    /** 1-based line of this node in the file. */
    public int line() {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public ConfigErrors errors() {
        return errors;
    }

    public void error(String message) {
        errors.add(this, message);
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping in file order; reports an error when this is not a mapping. */
    public Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            error("must be a mapping of key: value");
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
            entries.put(key, new ConfigNode(file, child(key), tuple.getValueNode(), errors));
        }
        return entries;
    }

    /** The items of a sequence; reports an error when this is not a list. */
    public List<ConfigNode> items() {
        List<ConfigNode> items = new ArrayList<>();
        if (!(node instanceof SequenceNode sequence)) {
            error("must be a list");
            return items;
        }
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new ConfigNode(file, path + "[" + i + "]", values.get(i), errors));
        }
        return items;
    }

    /** Reports every key of this mapping that is not one of {@code known}. */
    public void rejectUnknownKeys(Collection<String> known) {
        for (Map.Entry<String, ConfigNode> entry : entries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                entry.getValue().error("unknown field; known fields here are " + String.join(", ", known));
            }
        }
    }

    public Optional<ConfigNode> get(String key) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar
                    && scalar.getValue().equals(key)) {
                return Optional.of(new ConfigNode(file, child(key), tuple.getValueNode(), errors));
            }
        }
        return Optional.empty();
    }

    /** A required field: reports it missing (at this node's line) and returns empty. */
    public Optional<ConfigNode> require(String key) {
        Optional<ConfigNode> value = get(key);
        if (value.isEmpty()) {
            errors.add(new ConfigError(file, line(), child(key), "is required"));
        }
        return value;
    }

    public Optional<String> string(String key) {
        return get(key).flatMap(ConfigNode::asString);
    }

    public Optional<String> requiredString(String key) {
        return require(key).flatMap(ConfigNode::asString);
    }

    public Optional<String> asString() {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        error("must be a single value, not a list or mapping");
        return Optional.empty();
    }

    public Optional<Integer> integer(String key) {
        return get(key).flatMap(ConfigNode::asInteger);
    }

    public Optional<Integer> asInteger() {
        return asString().flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                error("must be a whole number, not '" + text + "'");
                return Optional.empty();
            }
        });
    }

    public Optional<Boolean> bool(String key) {
        return get(key).flatMap(n -> n.asString()
                .flatMap(text -> switch (text.trim().toLowerCase()) {
                    case "true", "yes", "on" -> Optional.of(true);
                    case "false", "no", "off" -> Optional.of(false);
                    default -> {
                        n.error("must be true or false, not '" + text + "'");
                        yield Optional.empty();
                    }
                }));
    }

    /** Durations are written like {@code 60s}, {@code 10m}, {@code 1h30m} or {@code 500ms}. */
    public Optional<Duration> duration(String key) {
        return get(key).flatMap(ConfigNode::asDuration);
    }

    public Optional<Duration> asDuration() {
        return asString().flatMap(text -> {
            String compact = text.replace(" ", "").toLowerCase();
            Matcher matcher = DURATION.matcher(compact);
            Duration total = Duration.ZERO;
            int end = 0;
            while (matcher.find() && matcher.start() == end) {
                long amount = Long.parseLong(matcher.group(1));
                total = total.plus(
                        switch (matcher.group(2)) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "s" -> Duration.ofSeconds(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            case "h" -> Duration.ofHours(amount);
                            default -> Duration.ofDays(amount);
                        });
                end = matcher.end();
            }
            if (compact.isEmpty() || end != compact.length()) {
                error("must be a duration such as 30s, 10m or 1h, not '" + text + "'");
                return Optional.empty();
            }
            return Optional.of(total);
        });
    }

    /** A list of single values, or one value standing for a list of one. */
    public List<String> stringList(String key) {
        return get(key).map(n -> n.isScalar()
                        ? n.asString().map(List::of).orElse(List.of())
                        : n.items().stream()
                                .map(ConfigNode::asString)
                                .flatMap(Optional::stream)
                                .toList())
                .orElse(List.of());
    }

    /** A mapping of single values, such as HTTP headers or labels. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> values = new LinkedHashMap<>();
        get(key).ifPresent(n -> n.entries().forEach((k, v) -> v.asString().ifPresent(s -> values.put(k, s))));
        return values;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
