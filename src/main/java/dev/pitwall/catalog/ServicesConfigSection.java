package dev.pitwall.catalog;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigNode;
import dev.pitwall.system.ConfigSection;
import dev.pitwall.system.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code services} section of pitwall.yaml:
 *
 * <pre>
 * services:
 *   proposals-app:
 *     owner: team-proposals
 *     tier: 1
 *     depends_on: [pricing-api]
 *     verification_window: 10m
 *     runbook: https://wiki.example.com/proposals
 *     rollback_hook:
 *       url: https://deploy.example.com/rollback
 *       secret_env: PROPOSALS_ROLLBACK_SECRET
 * </pre>
 */
@Component
class ServicesConfigSection implements ConfigSection<List<ServicesConfigSection.Declared>> {

    record Declared(String name, ServiceDescription description) {}

    private static final List<String> FIELDS =
            List.of("owner", "tier", "description", "runbook", "depends_on", "verification_window", "rollback_hook");

    private final CatalogService catalog;
    private final Function<String, String> environment;

    @Autowired
    ServicesConfigSection(CatalogService catalog) {
        this(catalog, System::getenv);
    }

    ServicesConfigSection(CatalogService catalog, Function<String, String> environment) {
        this.catalog = catalog;
        this.environment = environment;
    }

    @Override
    public String key() {
        return "services";
    }

    @Override
    public int order() {
        return -100;
    }

    @Override
    public List<Declared> parse(ConfigNode node, ConfigErrors errors) {
        List<Declared> declared = new ArrayList<>();
        if (node == null) {
            return declared;
        }
        for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
            ConfigNode service = entry.getValue();
            try {
                CatalogService.checkName("name", entry.getKey());
            } catch (InvalidInputException e) {
                service.error(e.getMessage());
                continue;
            }
            if (!service.isMap()) {
                service.error("must describe the service (owner, tier, depends_on, …)");
                continue;
            }
            service.rejectUnknownKeys(FIELDS);
            Integer tier = service.integer("tier").orElse(null);
            if (tier != null && (tier < 1 || tier > 4)) {
                service.get("tier").ifPresent(t -> t.error("must be 1 (most critical) to 4"));
            }
            String hookUrl = null;
            String hookSecret = null;
            if (service.get("rollback_hook").isPresent()) {
                ConfigNode hook = service.get("rollback_hook").get();
                hook.rejectUnknownKeys(List.of("url", "secret_env"));
                hookUrl = hook.requiredString("url").orElse(null);
                String variable = hook.string("secret_env").orElse(null);
                if (variable != null) {
                    hookSecret = environment.apply(variable);
                    if (hookSecret == null) {
                        hook.get("secret_env")
                                .ifPresent(v -> v.error("environment variable " + variable + " is not set"));
                    }
                }
            }
            ServiceDescription description = new ServiceDescription(
                    service.string("owner").orElse(""),
                    tier,
                    service.string("description").orElse(""),
                    service.string("runbook").orElse(""),
                    service.duration("verification_window").orElse(null),
                    service.stringList("depends_on"),
                    hookUrl == null ? "" : hookUrl,
                    hookSecret == null ? "" : hookSecret);
            declared.add(new Declared(entry.getKey(), description));
        }
        return declared;
    }

    @Override
    public void apply(List<Declared> declared) {
        Set<Long> ids = new HashSet<>();
        for (Declared service : declared) {
            ids.add(catalog.describe(service.name(), service.description(), "config")
                    .id());
        }
        catalog.releaseFromConfig(ids);
    }
}
