package dev.pitwall.incidents;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigNode;
import dev.pitwall.system.ConfigSection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code notifications} section of pitwall.yaml: where incident notifications go. Secrets
 * (a Slack webhook URL, a signing secret) are named by environment variable, never written in
 * the file. Targets the file no longer declares are switched off, keeping their delivery log.
 *
 * <pre>
 * notifications:
 *   - name: ops-slack
 *     type: slack
 *     url_env: OPS_SLACK_WEBHOOK
 *     services: [proposals-app]        # omit for every incident
 *     events: [opened, severity_changed, acknowledged, resolved]
 *     min_severity: sev2
 *   - name: incident-bridge
 *     type: webhook
 *     url: https://bridge.example.com/pitwall
 *     secret_env: BRIDGE_SECRET
 *   - name: oncall-mail
 *     type: email
 *     to: [oncall@example.com]
 * </pre>
 */
@Component
class NotificationsConfigSection implements ConfigSection<List<TargetSpec>> {

    private static final List<String> FIELDS = List.of(
            "name", "type", "url", "url_env", "secret_env", "to", "services", "events", "min_severity", "enabled");

    private final Notifications notifications;
    private final Function<String, String> environment;

    @Autowired
    NotificationsConfigSection(Notifications notifications) {
        this(notifications, System::getenv);
    }

    NotificationsConfigSection(Notifications notifications, Function<String, String> environment) {
        this.notifications = notifications;
        this.environment = environment;
    }

    @Override
    public String key() {
        return "notifications";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<TargetSpec> parse(ConfigNode node, ConfigErrors errors) {
        List<TargetSpec> targets = new ArrayList<>();
        if (node == null) {
            return targets;
        }
        Set<String> names = new HashSet<>();
        for (ConfigNode t : node.items()) {
            if (!t.isMap()) {
                t.error("must describe a target (name, type, url or to, …)");
                continue;
            }
            t.rejectUnknownKeys(FIELDS);
            String name = t.requiredString("name").orElse(null);
            if (name != null && !names.add(name.toLowerCase())) {
                t.get("name").ifPresent(n -> n.error("another target has the name '" + name + "'"));
            }
            Optional<String> typeText = t.requiredString("type");
            NotificationChannel channel =
                    typeText.flatMap(NotificationChannel::parse).orElse(null);
            if (typeText.isPresent() && channel == null) {
                t.get("type").ifPresent(n -> n.error("must be slack, webhook or email, not '" + typeText.get() + "'"));
            }
            String url = t.string("url").orElse(null);
            Optional<String> urlEnv = t.string("url_env");
            if (urlEnv.isPresent()) {
                if (url != null) {
                    t.get("url_env").ifPresent(n -> n.error("give url or url_env, not both"));
                }
                url = environment.apply(urlEnv.get());
                if (url == null || url.isBlank()) {
                    t.get("url_env").ifPresent(n -> n.error("environment variable " + urlEnv.get() + " is not set"));
                }
            }
            String secret = null;
            Optional<String> secretEnv = t.string("secret_env");
            if (secretEnv.isPresent()) {
                secret = environment.apply(secretEnv.get());
                if (secret == null || secret.isBlank()) {
                    t.get("secret_env")
                            .ifPresent(n -> n.error("environment variable " + secretEnv.get() + " is not set"));
                }
            }
            Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
            for (String e : t.stringList("events")) {
                Optional<NotificationEvent> event = NotificationEvent.parse(e);
                if (event.isEmpty()) {
                    t.get("events")
                            .ifPresent(n -> n.error("unknown event '" + e + "'; use " + NotificationEvent.allowed()));
                } else {
                    events.add(event.get());
                }
            }
            IncidentSeverity min = IncidentSeverity.SEV4;
            Optional<String> minText = t.string("min_severity");
            if (minText.isPresent()) {
                Optional<IncidentSeverity> parsed = IncidentSeverity.parse(minText.get());
                if (parsed.isEmpty()) {
                    t.get("min_severity").ifPresent(n -> n.error("must be sev1, sev2, sev3 or sev4"));
                } else {
                    min = parsed.get();
                }
            }
            TargetSpec spec = new TargetSpec(
                    name,
                    channel,
                    url,
                    secret,
                    t.stringList("to"),
                    t.stringList("services"),
                    events,
                    min,
                    t.bool("enabled").orElse(true));
            for (String[] problem : spec.problems(false)) {
                String field = switch (problem[0]) {
                    case "url" -> urlEnv.isPresent() ? "url_env" : "url";
                    case "secret" -> "secret_env";
                    default -> problem[0];
                };
                ConfigNode at = t.get(field).orElse(t);
                if (at == t) {
                    errors.add(
                            new dev.pitwall.system.ConfigError(t.file(), t.line(), t.path() + "." + field, problem[1]));
                } else if (!(problem[0].equals("url") && urlEnv.isPresent() && (url == null || url.isBlank()))
                        && !(problem[0].equals("secret") && secretEnv.isPresent())) {
                    at.error(problem[1]);
                }
            }
            targets.add(spec);
        }
        return targets;
    }

    @Override
    public void apply(List<TargetSpec> targets) {
        for (TargetSpec target : targets) {
            notifications.save(target, "config");
        }
        notifications.releaseFromConfig(targets.stream().map(TargetSpec::name).toList());
    }
}
