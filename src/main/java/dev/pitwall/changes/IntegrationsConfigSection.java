package dev.pitwall.changes;

import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigNode;
import dev.pitwall.system.ConfigSection;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code integrations} section of pitwall.yaml, as far as the change log reads it:
 *
 * <pre>
 * integrations:
 *   github:
 *     secret_env: GITHUB_WEBHOOK_SECRET   # the webhook's secret, from this environment variable
 * </pre>
 *
 * Other keys under {@code integrations} belong to other modules and are left alone here.
 */
@Component
class IntegrationsConfigSection implements ConfigSection<String> {

    private final GitHubIntegration github;
    private final Function<String, String> environment;

    @Autowired
    IntegrationsConfigSection(GitHubIntegration github) {
        this(github, System::getenv);
    }

    IntegrationsConfigSection(GitHubIntegration github, Function<String, String> environment) {
        this.github = github;
        this.environment = environment;
    }

    @Override
    public String key() {
        return "integrations";
    }

    @Override
    public String parse(ConfigNode node, ConfigErrors errors) {
        if (node == null || node.get("github").isEmpty()) {
            return null;
        }
        ConfigNode gitHub = node.get("github").get();
        gitHub.rejectUnknownKeys(List.of("secret_env"));
        return gitHub.requiredString("secret_env")
                .map(variable -> {
                    String secret = environment.apply(variable);
                    if (secret == null || secret.isEmpty()) {
                        gitHub.get("secret_env")
                                .ifPresent(v -> v.error("environment variable " + variable + " is not set"));
                        return null;
                    }
                    return secret;
                })
                .orElse(null);
    }

    @Override
    public void apply(String gitHubSecret) {
        github.configure(gitHubSecret);
    }
}
