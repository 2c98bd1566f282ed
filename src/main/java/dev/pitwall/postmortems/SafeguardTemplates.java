package dev.pitwall.postmortems;

import dev.pitwall.checks.CheckService;
import dev.pitwall.checks.CheckView;
import dev.pitwall.incidents.IncidentEvidence;
import dev.pitwall.incidents.IncidentView;
import dev.pitwall.system.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The check a safeguard item offers to create, prefilled from the incident: a copy of the check
 * that failed (to tighten), or else a check of the URL that failed, or else of the incident's
 * service and environment with the URL left for the writer. In the format of pitwall.yaml, so it
 * can also be pasted there.
 */
@Component
class SafeguardTemplates {

    private final CheckService checks;

    SafeguardTemplates(CheckService checks) {
        this.checks = checks;
    }

    String template(ActionItem item, IncidentView incident, IncidentEvidence evidence) {
        String name = uniqueName(("safeguard: " + item.title()).replaceAll("[\\r\\n\\t]+", " "));
        List<IncidentEvidence.FailingCheck> failing = evidence.failingChecks();
        String service =
                incident.services().isEmpty() ? null : incident.services().getFirst();
        String environment = incident.environment() == null ? "production" : incident.environment();
        StringBuilder out = new StringBuilder();
        out.append("# Safeguard for incident #")
                .append(incident.id())
                .append(", action item #")
                .append(item.id())
                .append(". The item is done once this check exists and has passed\n")
                .append("# a post-deploy verification of its service. Format: docs/checks.md.\n");
        for (IncidentEvidence.FailingCheck f : failing) {
            CheckView existing = find(f.name());
            if (existing != null) {
                out.append("# A copy of '")
                        .append(f.name())
                        .append("', which failed during the incident: add the assertion that would have caught it.\n");
                Map<String, Object> definition = new LinkedHashMap<>(existing.definition());
                definition.put("name", name);
                definition.put("critical", true);
                definition.remove("paused");
                return out.append(dump(definition)).toString();
            }
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", name);
        definition.put("service", service == null ? "" : service);
        definition.put("environment", environment);
        definition.put("critical", true);
        definition.put("interval", "1m");
        String url = failing.stream()
                .map(IncidentEvidence.FailingCheck::url)
                .filter(u -> u != null && !u.isBlank())
                .findFirst()
                .orElse(null);
        if (url != null) {
            out.append("# The URL that failed during the incident; add the assertions that would have caught it.\n");
        } else {
            out.append("# Fill in the URL of the journey that broke")
                    .append(service == null ? " and its service" : "")
                    .append(", and what a good answer looks like.\n");
        }
        definition.put("url", url == null ? "" : url);
        definition.put("assert", List.of("status == 200"));
        return out.append(dump(definition)).toString();
    }

    private CheckView find(String name) {
        try {
            return checks.get(name);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private String uniqueName(String base) {
        String trimmed = base.length() > 180 ? base.substring(0, 180).trim() : base;
        String name = trimmed;
        for (int n = 2; find(name) != null && n < 1000; n++) {
            name = trimmed + " " + n;
        }
        return name;
    }

    private static String dump(Map<String, Object> definition) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        return new Yaml(options).dump(definition);
    }
}
