package dev.pitwall.signals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of the fields of one JSON object that collect every problem instead of stopping at
 * the first: PagerDuty replies with the whole list, the other formats report the first.
 */
final class JsonBody {

    record Problem(String field, String message) {}

    private final JsonNode node;
    private final String prefix;
    private final List<Problem> problems;

    private JsonBody(JsonNode node, String prefix, List<Problem> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The top-level object; a body that is not an object is the first problem. */
    static JsonBody of(JsonNode node) {
        JsonBody body = new JsonBody(node, "", new ArrayList<>());
        if (node == null || !node.isObject()) {
            body.problems.add(new Problem(null, "The body must be a JSON object"));
        }
        return body;
    }

    List<Problem> problems() {
        return problems;
    }

    void problem(String field, String message) {
        problems.add(new Problem(path(field), message));
    }

    String path(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    boolean has(String field) {
        JsonNode value = get(field);
        return value != null && !value.isNull();
    }

    private JsonNode get(String field) {
        return node != null && node.isObject() ? node.get(field) : null;
    }

    /** The first of these names that is present, so that {@code occurred_at} and {@code occurredAt} both work. */
    String name(String... aliases) {
        for (String alias : aliases) {
            if (has(alias)) {
                return alias;
            }
        }
        return aliases[0];
    }

    String string(String field) {
        JsonNode value = get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problem(field, "'" + path(field) + "' must be a string");
            return null;
        }
        return value.stringValue();
    }

    String requiredString(String field) {
        int before = problems.size();
        String value = string(field);
        if (value == null || value.isBlank()) {
            if (problems.size() == before) {
                problem(field, "'" + path(field) + "' is missing or blank");
            }
            return null;
        }
        return value;
    }

    Integer integer(String field) {
        JsonNode value = get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(field, "'" + path(field) + "' must be a whole number");
            return null;
        }
        return value.intValue();
    }

    Boolean bool(String field) {
        JsonNode value = get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(field, "'" + path(field) + "' must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    Instant time(String field) {
        String text = string(field);
        try {
            return Timestamps.parse(path(field), text);
        } catch (dev.pitwall.system.InvalidInputException e) {
            problem(field, e.getMessage());
            return null;
        }
    }

    /** An object of names to strings (numbers and booleans are taken as their text). */
    Map<String, String> stringMap(String field) {
        JsonNode value = get(field);
        Map<String, String> map = new TreeMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            problem(field, "'" + path(field) + "' must be an object of names to strings");
            return map;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode v = entry.getValue();
            if (v.isString() || v.isNumber() || v.isBoolean()) {
                map.put(entry.getKey(), v.asString());
            } else if (!v.isNull()) {
                problem(field + "." + entry.getKey(), "'" + path(field) + "." + entry.getKey() + "' must be a string");
            }
        }
        return map;
    }

    /** The items of an array of objects, each read as a body of its own; empty when absent. */
    List<JsonBody> objects(String field) {
        JsonNode value = get(field);
        List<JsonBody> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            problem(field, "'" + path(field) + "' must be a list");
            return items;
        }
        int i = 0;
        for (JsonNode item : value.values()) {
            String itemPath = path(field) + "[" + i++ + "]";
            if (!item.isObject()) {
                problems.add(new Problem(itemPath, "'" + itemPath + "' must be an object"));
            } else {
                items.add(new JsonBody(item, itemPath, problems));
            }
        }
        return items;
    }

    /** A nested object, read as a body of its own; null when absent. */
    JsonBody object(String field) {
        JsonNode value = get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(field, "'" + path(field) + "' must be an object");
            return null;
        }
        return new JsonBody(value, path(field), problems);
    }

    /** The raw JSON of a field, for free-form details; null when absent. */
    JsonNode raw(String field) {
        JsonNode value = get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** Throws the first problem as a 400, naming its field. */
    void throwFirst() {
        if (!problems.isEmpty()) {
            Problem first = problems.getFirst();
            throw new dev.pitwall.system.InvalidInputException(first.field(), first.message());
        }
    }
}
