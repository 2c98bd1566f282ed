package dev.pitwall.system;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Describes a JSON request body that could not be read, for the API's exception handler and for
 * the endpoints served ahead of Spring MVC, so both answer the same mistake with the same words.
 */
public final class UnreadableBody {

    private UnreadableBody() {}

    /**
     * What was wrong with a body that could not be read, in the words of a reply: which field,
     * what it should have been, or where the JSON broke off.
     */
    public static String describe(Throwable e) {
        ValueInstantiationException instantiation = findCause(e, ValueInstantiationException.class);
        if (instantiation != null) {
            Throwable reason = instantiation.getCause() == null ? instantiation : instantiation.getCause();
            if (reason instanceof InvalidInputException invalid) {
                return invalid.getMessage();
            }
            return "Invalid " + describe(instantiation.getType().getRawClass()) + ": " + reason.getMessage();
        }
        InvalidFormatException format = findCause(e, InvalidFormatException.class);
        if (format != null) {
            String field = path(format.getPath());
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                String allowed = Arrays.stream(target.getEnumConstants())
                        .map(c -> c.toString().toLowerCase())
                        .collect(Collectors.joining(", "));
                return "Field '" + field + "' has the unknown value '" + format.getValue() + "'; use one of: "
                        + allowed;
            }
            return "Field '" + field + "' has the value '" + format.getValue() + "', which is not "
                    + (target == null ? "valid" : describe(target));
        }
        UnrecognizedPropertyException unknown = findCause(e, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return "Unknown field '" + path(unknown.getPath()) + "'";
        }
        MismatchedInputException mismatch = findCause(e, MismatchedInputException.class);
        if (mismatch != null) {
            String field = path(mismatch.getPath());
            String expected = mismatch.getTargetType() == null ? "another type" : describe(mismatch.getTargetType());
            return field.isEmpty()
                    ? "The body must be " + expected + " (" + mismatch.getOriginalMessage() + ")"
                    : "Field '" + field + "' must be " + expected;
        }
        StreamReadException parse = findCause(e, StreamReadException.class);
        if (parse != null) {
            var at = parse.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return "The body is not valid JSON" + where + ": " + parse.getOriginalMessage();
        }
        JacksonException other = findCause(e, JacksonException.class);
        if (other != null) {
            return "The body could not be read: " + other.getOriginalMessage();
        }
        return "The request body is missing or cannot be read as JSON";
    }

    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an RFC 3339 timestamp such as 2026-11-24T18:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    /** The JSON path of the field the failure is about ({@code commits[0].time}), or null. */
    public static String field(Throwable e) {
        JacksonException jackson = findCause(e, JacksonException.class);
        return jackson == null || jackson.getPath().isEmpty() ? null : path(jackson.getPath());
    }

    private static String path(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
