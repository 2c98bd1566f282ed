package dev.pitwall.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The values one run of a check can use in its templates: secrets (masked wherever the run's
 * results are shown), what earlier steps saw, and what they captured.
 */
final class RunVariables {

    /** A placeholder that cannot be filled; the step fails with this message. */
    static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    private final Function<String, Optional<String>> secrets;
    private final Redactor redactor;
    private final Map<String, StepObservation> steps = new HashMap<>();
    private final Map<String, String> captured = new HashMap<>();

    RunVariables(Function<String, Optional<String>> secrets, Redactor redactor) {
        this.secrets = secrets;
        this.redactor = redactor;
    }

    void saw(String step, StepObservation observation) {
        steps.put(step, observation);
    }

    void capture(String name, String value) {
        captured.put(name, value);
    }

    String secret(String name) {
        String value = secrets.apply(name)
                .orElseThrow(() -> new Unresolved("the secret " + name + " is not set: add it to Pitwall's secret store"
                        + " (Checks page or PUT /api/v1/check-secrets/" + name + ") or set the environment variable "
                        + name));
        redactor.add(name, value);
        return value;
    }

    String captured(String name) {
        String value = captured.get(name);
        if (value == null) {
            throw new Unresolved("nothing was captured as " + name);
        }
        return value;
    }

    String fromStep(Template.FromStep ref) {
        StepObservation seen = steps.get(ref.step());
        if (seen == null) {
            throw new Unresolved("${" + ref.source() + "} refers to step '" + ref.step() + "', which has not run");
        }
        return switch (ref.part()) {
            case "status" -> String.valueOf(seen.status());
            case "header" -> {
                List<String> values = seen.headers().get(ref.header().toLowerCase(Locale.ROOT));
                if (values == null || values.isEmpty()) {
                    throw new Unresolved("step '" + ref.step() + "' got no " + ref.header() + " header");
                }
                yield values.getFirst();
            }
            default -> {
                if (ref.path() == null) {
                    yield seen.body() == null ? "" : seen.body();
                }
                JsonNode value;
                try {
                    value = ref.path().evaluate(seen.json());
                } catch (IllegalStateException e) {
                    throw new Unresolved("${" + ref.source() + "}: step '" + ref.step() + "' got " + e.getMessage());
                }
                if (value.isMissingNode()) {
                    throw new Unresolved("${" + ref.source() + "}: step '" + ref.step() + "' has nothing at "
                            + ref.path().text());
                }
                yield value.isString() ? value.asString() : value.toString();
            }
        };
    }
}
