package dev.pitwall.incidents;

import dev.pitwall.system.Actor;
import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigNode;
import dev.pitwall.system.ConfigSection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The {@code incidents} section of pitwall.yaml: the grouping rules and auto-resolve. Every field
 * is optional and defaults as shown; while the file declares the section, it wins over the
 * settings page on every reload.
 *
 * <pre>
 * incidents:
 *   grouping:
 *     follow_dependencies: true
 *     warnings: { count: 3, within: 10m }
 *     reports: { customers: 2, within: 30m, similarity: 0.5 }
 *   auto_resolve_after: 30m   # 0 or off: only people resolve
 * </pre>
 */
@Component
class IncidentsConfigSection implements ConfigSection<Optional<GroupingRules>> {

    private final GroupingSettings settings;

    IncidentsConfigSection(GroupingSettings settings) {
        this.settings = settings;
    }

    @Override
    public String key() {
        return "incidents";
    }

    @Override
    public Optional<GroupingRules> parse(ConfigNode node, ConfigErrors errors) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isMap()) {
            node.error("must be a mapping with grouping and auto_resolve_after");
            return Optional.empty();
        }
        node.rejectUnknownKeys(List.of("grouping", "auto_resolve_after"));
        GroupingRules d = GroupingRules.DEFAULTS;
        boolean follow = d.followDependencies();
        int warningCount = d.warningCount();
        Duration warningWindow = d.warningWindow();
        int reportCustomers = d.reportCustomers();
        Duration reportWindow = d.reportWindow();
        double similarity = d.reportSimilarity();
        Optional<ConfigNode> grouping = node.get("grouping");
        if (grouping.isPresent()) {
            ConfigNode g = grouping.get();
            g.rejectUnknownKeys(List.of("follow_dependencies", "warnings", "reports"));
            follow = g.bool("follow_dependencies").orElse(follow);
            Optional<ConfigNode> warnings = g.get("warnings");
            if (warnings.isPresent()) {
                warnings.get().rejectUnknownKeys(List.of("count", "within"));
                warningCount = count(warnings.get(), "count", warningCount);
                warningWindow = window(warnings.get(), "within", warningWindow);
            }
            Optional<ConfigNode> reports = g.get("reports");
            if (reports.isPresent()) {
                reports.get().rejectUnknownKeys(List.of("customers", "within", "similarity"));
                reportCustomers = count(reports.get(), "customers", reportCustomers);
                reportWindow = window(reports.get(), "within", reportWindow);
                Optional<ConfigNode> s = reports.get().get("similarity");
                if (s.isPresent()) {
                    similarity = s.get()
                            .asString()
                            .flatMap(text -> {
                                try {
                                    double value = Double.parseDouble(text.trim());
                                    if (value > 0 && value <= 1) {
                                        return Optional.of(value);
                                    }
                                } catch (NumberFormatException ignored) {
                                    // reported below
                                }
                                s.get()
                                        .error("must be a number above 0 and at most 1, such as 0.5, not '" + text
                                                + "'");
                                return Optional.empty();
                            })
                            .orElse(similarity);
                }
            }
        }
        Duration autoResolve = d.autoResolveAfter();
        Optional<ConfigNode> auto = node.get("auto_resolve_after");
        if (auto.isPresent()) {
            Optional<Duration> parsed = auto.get().asString().flatMap(Durations::parse);
            if (parsed.isEmpty() || parsed.get().compareTo(GroupingRules.MAX_AUTO_RESOLVE) > 0) {
                auto.get().error("must be a duration up to 30d such as 30m or 2h, or 0 (off)");
            } else {
                autoResolve = parsed.get();
            }
        }
        return Optional.of(new GroupingRules(
                follow, warningCount, warningWindow, reportCustomers, reportWindow, similarity, autoResolve));
    }

    private static int count(ConfigNode node, String key, int fallback) {
        Optional<Integer> value = node.integer(key);
        if (value.isPresent() && (value.get() < 1 || value.get() > GroupingRules.MAX_COUNT)) {
            node.get(key).ifPresent(n -> n.error("must be 1 to " + GroupingRules.MAX_COUNT));
            return fallback;
        }
        return value.orElse(fallback);
    }

    private static Duration window(ConfigNode node, String key, Duration fallback) {
        Optional<Duration> value = node.duration(key);
        if (value.isPresent()
                && (value.get().compareTo(Duration.ofSeconds(10)) < 0
                        || value.get().compareTo(GroupingRules.MAX_WINDOW) > 0)) {
            node.get(key).ifPresent(n -> n.error("must be between 10s and 1d"));
            return fallback;
        }
        return value.orElse(fallback);
    }

    @Override
    public void apply(Optional<GroupingRules> parsed) {
        if (parsed.isPresent()) {
            settings.save(parsed.get(), "config", Actor.PITWALL);
        } else {
            settings.releaseFromConfig();
        }
    }
}
