package dev.pitwall.triage;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads scenarios from YAML (the format is in {@code docs/triage.md}). The YAML is read as a tree
 * of nodes rather than bound to objects, so that every error can name the file, the line and the
 * field ({@code seed.yaml: line 40: changes[2].finished_at: ...}), unknown fields are refused (a
 * typo must not silently drop a fact), and timestamps stay text until parsed here.
 */
final class ScenarioFile {

    static final Duration DEFAULT_NOW_AFTER_IMPACT = Duration.ofHours(1);

    private static final Set<String> TOP = Set.of(
            "name",
            "story",
            "impact_start",
            "now",
            "environment",
            "services",
            "incident",
            "history",
            "changes",
            "cause");
    private static final Set<String> INCIDENT = Set.of("services", "signals", "labels", "failing_checks");
    private static final Set<String> CHECK = Set.of("name", "url");
    private static final Set<String> CHANGE = Set.of(
            "id",
            "service",
            "environment",
            "kind",
            "version",
            "status",
            "started_at",
            "finished_at",
            "description",
            "commits",
            "files",
            "commit_count",
            "verification");

    private final String file;

    private ScenarioFile(String file) {
        this.file = file;
    }

    /** Every {@code *.yaml} and {@code *.yml} file in {@code directory}, by file name. */
    static List<Scenario> loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ScenarioException(directory + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> path.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ScenarioException(directory + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new ScenarioException(directory + ": no scenario files (*.yaml) in it");
        }
        return files.stream().map(ScenarioFile::load).toList();
    }

    static Scenario load(Path path) {
        String name = path.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new ScenarioFile(name).parse(reader);
        } catch (IOException e) {
            throw new ScenarioException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    static Scenario parse(String fileName, Reader reader) {
        return new ScenarioFile(fileName).parse(reader);
    }

    private Scenario parse(Reader reader) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new ScenarioException(
                    file + ": line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ScenarioException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ScenarioException(file + ": empty file");
        }
        Map<String, Node> top = mapping(root, "", TOP);

        String name = text(top, "name", "").orElse(file);
        Instant impactStart = instant(required(top, "impact_start", root), "impact_start");
        Instant now =
                top.containsKey("now") ? instant(top.get("now"), "now") : impactStart.plus(DEFAULT_NOW_AFTER_IMPACT);
        String environment = text(top, "environment", "").orElse("production");
        ServiceGraph services = graph(top.get("services"));
        CauseHistory history = history(top.get("history"));

        Map<String, Node> incident = mapping(required(top, "incident", root), "incident", INCIDENT);
        List<String> affected = strings(incident.get("services"), "incident.services");
        List<String> texts = new ArrayList<>(strings(incident.get("signals"), "incident.signals"));
        labels(incident.get("labels")).forEach((key, value) -> texts.add(value));
        List<FailingCheck> checks = new ArrayList<>();
        List<Node> checkNodes = sequence(incident.get("failing_checks"), "incident.failing_checks");
        for (int i = 0; i < checkNodes.size(); i++) {
            String path = "incident.failing_checks[" + i + "]";
            Map<String, Node> check = mapping(checkNodes.get(i), path, CHECK);
            checks.add(new FailingCheck(
                    scalar(required(check, "name", checkNodes.get(i)), path + ".name"),
                    text(check, "url", path + ".").orElse(null)));
        }

        Node changesNode = required(top, "changes", root);
        List<Node> changeNodes = sequence(changesNode, "changes");
        if (changeNodes.isEmpty()) {
            throw error(changesNode, "changes", "a scenario needs at least one change");
        }
        List<CandidateChange> changes = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        for (int i = 0; i < changeNodes.size(); i++) {
            String path = "changes[" + i + "]";
            Map<String, Node> fields = mapping(changeNodes.get(i), path, CHANGE);
            Node idNode = required(fields, "id", changeNodes.get(i));
            String id = scalar(idNode, path + ".id");
            long numericId = i + 1;
            if (ids.putIfAbsent(id, numericId) != null) {
                throw error(idNode, path + ".id", "'" + id + "' is used by another change too");
            }
            names.put(numericId, id);
            changes.add(change(numericId, fields, changeNodes.get(i), path, environment));
        }

        Node causeNode = required(top, "cause", root);
        String causeName = scalar(causeNode, "cause");
        Long cause = ids.get(causeName);
        if (cause == null) {
            throw error(causeNode, "cause", "no change has the id '" + causeName + "'");
        }
        CandidateChange causeChange = changes.get((int) (cause - 1));
        if (!causeChange.startedAt().isBefore(impactStart)) {
            throw error(
                    causeNode, "cause", "'" + causeName + "' started after impact started, so it cannot be the cause");
        }
        for (int i = 0; i < changes.size(); i++) {
            if (!changes.get(i).startedAt().isBefore(now)) {
                throw error(changeNodes.get(i), "changes[" + i + "].started_at", "after 'now' (" + now + ")");
            }
        }

        IncidentFacts facts =
                new IncidentFacts(impactStart, environment, new HashSet<>(affected), texts, checks, Set.of(), Set.of());
        return new Scenario(file, name, now, facts, services, history, changes, names, cause);
    }

    private CandidateChange change(long id, Map<String, Node> fields, Node node, String path, String environment) {
        String service = scalar(required(fields, "service", node), path + ".service");
        String changeEnvironment = text(fields, "environment", path + ".").orElse(environment);
        ChangeKind kind = choice(fields.get("kind"), path + ".kind", ChangeKind.class, ChangeKind.DEPLOY);
        Verification verification =
                choice(fields.get("verification"), path + ".verification", Verification.class, Verification.NONE);
        Instant finishedAt =
                fields.containsKey("finished_at") ? instant(fields.get("finished_at"), path + ".finished_at") : null;
        Instant startedAt;
        if (fields.containsKey("started_at")) {
            startedAt = instant(fields.get("started_at"), path + ".started_at");
        } else if (finishedAt != null) {
            startedAt = finishedAt;
        } else {
            throw error(node, path, "needs started_at or finished_at");
        }
        if (finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw error(fields.get("finished_at"), path + ".finished_at", "before started_at");
        }
        List<String> commits = strings(fields.get("commits"), path + ".commits");
        int commitCount = commits.size();
        if (fields.containsKey("commit_count")) {
            String count = scalar(fields.get("commit_count"), path + ".commit_count");
            try {
                commitCount = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                throw error(fields.get("commit_count"), path + ".commit_count", "not a whole number: '" + count + "'");
            }
        }
        return new CandidateChange(
                id,
                service,
                "all".equals(changeEnvironment) ? null : changeEnvironment,
                kind,
                text(fields, "version", path + ".").orElse(null),
                text(fields, "status", path + ".").orElse(finishedAt == null ? "running" : "succeeded"),
                startedAt,
                finishedAt,
                text(fields, "description", path + ".").orElse(""),
                commits,
                strings(fields.get("files"), path + ".files"),
                commitCount,
                verification);
    }

    private ServiceGraph graph(Node node) {
        if (node == null) {
            return ServiceGraph.EMPTY;
        }
        Map<String, Set<String>> dependencies = new HashMap<>();
        for (Map.Entry<String, Node> service : mapping(node, "services", null).entrySet()) {
            dependencies.put(
                    service.getKey(), new HashSet<>(strings(service.getValue(), "services." + service.getKey())));
        }
        return new ServiceGraph(dependencies);
    }

    private CauseHistory history(Node node) {
        if (node == null) {
            return CauseHistory.NONE;
        }
        Map<String, Integer> causes = new HashMap<>();
        for (Map.Entry<String, Node> service : mapping(node, "history", null).entrySet()) {
            String path = "history." + service.getKey();
            String value = scalar(service.getValue(), path);
            try {
                causes.put(service.getKey(), Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw error(service.getValue(), path, "not a number of incidents: '" + value + "'");
            }
        }
        return new CauseHistory(causes);
    }

    private Map<String, String> labels(Node node) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node != null) {
            mapping(node, "incident.labels", null)
                    .forEach((key, value) -> labels.put(key, scalar(value, "incident.labels." + key)));
        }
        return labels;
    }

    /** The fields of a mapping, refusing those not in {@code allowed} (any name when null). */
    private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path.isEmpty() ? "(top)" : path, "expected a mapping of fields");
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), path);
            String field = path.isEmpty() ? key : path + "." + key;
            if (allowed != null && !allowed.contains(key)) {
                throw error(tuple.getKeyNode(), field, "unknown field; expected one of " + new TreeSet<>(allowed));
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), field, "given twice");
            }
        }
        return fields;
    }

    private List<Node> sequence(Node node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, path, "expected a list");
        }
        return sequence.getValue();
    }

    private List<String> strings(Node node, String path) {
        List<Node> items = sequence(node, path);
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            strings.add(scalar(items.get(i), path + "[" + i + "]"));
        }
        return strings;
    }

    private String scalar(Node node, String path) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, path, "expected a single value");
        }
        return scalar.getValue();
    }

    private Optional<String> text(Map<String, Node> fields, String key, String prefix) {
        Node node = fields.get(key);
        return node == null ? Optional.empty() : Optional.of(scalar(node, prefix + key));
    }

    private Node required(Map<String, Node> fields, String key, Node parent) {
        Node node = fields.get(key);
        if (node == null) {
            throw error(parent, key, "missing");
        }
        return node;
    }

    private Instant instant(Node node, String path) {
        String value = scalar(node, path);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw error(node, path, "not a time with a zone, such as 2025-03-11T07:52:00Z: '" + value + "'");
        }
    }

    private <E extends Enum<E>> E choice(Node node, String path, Class<E> type, E fallback) {
        if (node == null) {
            return fallback;
        }
        String value = scalar(node, path);
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = Stream.of(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                    .toList();
            throw error(node, path, "'" + value + "' is not one of " + allowed);
        }
    }

    private ScenarioException error(Node node, String field, String problem) {
        String line = node == null ? "" : " line " + (node.getStartMark().getLine() + 1) + ":";
        return new ScenarioException(file + ":" + line + " " + field + ": " + problem);
    }
}
