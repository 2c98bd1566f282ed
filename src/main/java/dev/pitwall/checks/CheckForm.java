package dev.pitwall.checks;

import dev.pitwall.system.ConfigError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The check form of the UI: the check's own fields as inputs, its steps as YAML in the
 * pitwall.yaml format (a journey of several steps with headers, captures and assertions reads best
 * as text). The form turns into the same definition text the API takes.
 */
record CheckForm(
        String name,
        String description,
        String service,
        String environment,
        String interval,
        Boolean critical,
        String failAfter,
        String recoverAfter,
        Boolean paused,
        String steps) {

    static final String EXAMPLE_STEPS = """
            - name: login
              method: POST
              url: https://proposals.example.com/api/login
              headers:
                Content-Type: application/json
              body: '{"user": "synthetic-member", "password": "${secret:PROPOSALS_PASSWORD}"}'
              assert:
                - status == 200
              capture:
                token: $.token
            - name: line-items
              url: https://proposals.example.com/api/members/42/line-items
              headers:
                Authorization: Bearer ${token}
              assert:
                - status == 200
                - $.items.length() > 0
                - response_time < 2s
            """;

    static CheckForm empty() {
        return new CheckForm("", "", "", "production", "60s", true, "2", "2", false, EXAMPLE_STEPS);
    }

    static CheckForm of(CheckView check) {
        Object steps = check.definition().get("steps");
        return new CheckForm(
                check.name(),
                (String) check.definition().getOrDefault("description", ""),
                check.service(),
                check.environment(),
                check.interval(),
                check.critical(),
                String.valueOf(check.definition().get("fail_after")),
                String.valueOf(check.definition().get("recover_after")),
                check.paused(),
                dump(steps));
    }

    /** The definition as text, or a {@link CheckDefinitionException} when the steps are not YAML. */
    String toText() {
        Object parsedSteps;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setCodePointLimit(512 * 1024);
            parsedSteps = new Yaml(new SafeConstructor(options)).load(steps == null ? "" : steps);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new CheckDefinitionException(
                    List.of(new ConfigError("form", line, "steps", "is not valid YAML: " + e.getProblem())));
        } catch (RuntimeException e) {
            throw new CheckDefinitionException(
                    List.of(new ConfigError("form", 0, "steps", "is not valid YAML: " + e.getMessage())));
        }
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", text(name));
        if (description != null && !description.isBlank()) {
            check.put("description", description.trim());
        }
        check.put("service", text(service));
        check.put("environment", environment == null || environment.isBlank() ? "production" : environment.trim());
        check.put("interval", interval == null || interval.isBlank() ? "60s" : interval.trim());
        check.put("critical", Boolean.TRUE.equals(critical));
        check.put("fail_after", number(failAfter, 2));
        check.put("recover_after", number(recoverAfter, 2));
        check.put("paused", Boolean.TRUE.equals(paused));
        check.put("steps", parsedSteps);
        return dump(check);
    }

    private static String text(String value) {
        return value == null ? "" : value.trim();
    }

    private static Object number(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return value.trim();
        }
    }

    static String dump(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(new Representer(options), options).dump(value);
    }
}
