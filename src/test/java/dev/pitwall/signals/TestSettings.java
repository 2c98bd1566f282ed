package dev.pitwall.signals;

import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Signals settings with the defaults of {@link SignalsProperties}, for tests without Spring. */
final class TestSettings {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private TestSettings() {}

    static SignalsProperties.Intake intake() {
        return intake(2_000_000);
    }

    static SignalsProperties.Intake intake(long maxBacklog) {
        return new SignalsProperties.Intake(
                10_000,
                Duration.ofSeconds(1),
                maxBacklog,
                2048,
                20_000,
                Duration.ofMillis(5),
                DataSize.ofMegabytes(16),
                DataSize.ofMegabytes(128));
    }

    static SignalsProperties properties() {
        return properties(List.of("service", "job"));
    }

    static SignalsProperties properties(List<String> serviceLabels) {
        return new SignalsProperties(
                serviceLabels, List.of("env", "environment"), "severity", Severity.WARNING, intake());
    }
}
