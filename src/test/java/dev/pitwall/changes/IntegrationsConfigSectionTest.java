package dev.pitwall.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.ConfigError;
import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConfigFile;
import dev.pitwall.system.ConfigNode;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrationsConfigSectionTest {

    private final IntegrationsConfigSection section =
            new IntegrationsConfigSection(null, Map.of("GITHUB_WEBHOOK_SECRET", "from-the-environment")::get);

    private String parse(String yaml, ConfigErrors errors) {
        ConfigNode root =
                ConfigFile.parse("pitwall.yaml", new StringReader(yaml), errors).orElseThrow();
        return section.parse(root.get("integrations").orElse(null), errors);
    }

    @Test
    void readsTheGitHubSecretFromTheNamedEnvironmentVariable() {
        ConfigErrors errors = new ConfigErrors();

        String secret = parse("integrations:\n  github:\n    secret_env: GITHUB_WEBHOOK_SECRET\n", errors);

        assertThat(errors.isEmpty()).isTrue();
        assertThat(secret).isEqualTo("from-the-environment");
    }

    @Test
    void namesTheFileLineAndFieldOfEveryMistake() {
        ConfigErrors errors = new ConfigErrors();

        parse("integrations:\n  github:\n    secret_env: NOT_SET_ANYWHERE\n    secret: plain-text\n", errors);

        assertThat(errors.all())
                .extracting(ConfigError::field)
                .containsExactlyInAnyOrder("integrations.github.secret_env", "integrations.github.secret");
        assertThat(errors.all()).allSatisfy(e -> assertThat(e.line()).isGreaterThan(1));
        assertThat(errors.all().toString()).contains("NOT_SET_ANYWHERE is not set");
    }

    @Test
    void noGitHubSectionMeansNoSecretFromTheFile() {
        ConfigErrors errors = new ConfigErrors();

        assertThat(parse("integrations:\n  alertmanager: {}\n", errors)).isNull();
        assertThat(errors.isEmpty()).isTrue();
    }
}
