package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.PitwallApplication;
import dev.pitwall.signals.Severity;
import dev.pitwall.signals.SignalStatus;
import dev.pitwall.signals.SignalUpdate;
import dev.pitwall.system.Actor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The scheduled task resolves an incident that stayed quiet in monitoring for the configured period. */
class AutoResolveTest {

    @TempDir
    Path data;

    @Test
    void aQuietIncidentIsResolvedByTheScheduledTaskAndSaysWhy() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PitwallApplication.class)
                .run(
                        "--server.port=0",
                        "--pitwall.data-dir=" + data,
                        "--pitwall.admin-password=admin-password-for-tests",
                        "--pitwall.incidents.auto-resolve-check=1s",
                        "--db-scheduler.polling-interval=200ms")) {
            context.getBean(GroupingSettings.class)
                    .save(
                            new GroupingRules(
                                    true,
                                    3,
                                    Duration.ofMinutes(10),
                                    2,
                                    Duration.ofMinutes(30),
                                    0.5,
                                    Duration.ofSeconds(2)),
                            "ui",
                            Actor.PITWALL);
            TestSignals signals =
                    new TestSignals(context, context.getBean(TransactionTemplate.class), context.getBean(Clock.class));
            IncidentService incidents = context.getBean(IncidentService.class);
            SignalUpdate alert = signals.alert("QueueBacklog", Severity.CRITICAL, "auto-resolve-svc");
            signals.publish(alert);
            long id = incidents.open().getFirst().id();

            signals.publish(TestSignals.again(
                    alert,
                    SignalUpdate.Change.RESOLVED,
                    SignalStatus.RESOLVED,
                    context.getBean(Clock.class).instant()));
            assertThat(incidents.get(id).status()).isEqualTo(IncidentStatus.MONITORING);

            await().atMost(Duration.ofSeconds(20)).until(() -> incidents.get(id).status() == IncidentStatus.RESOLVED);
            assertThat(incidents.timeline(id, 100)).last().satisfies(e -> {
                assertThat(e.text()).contains("every signal has been resolved for 2 s (auto-resolve)");
                assertThat(e.actor()).isEqualTo(Actor.PITWALL);
            });
        }
    }
}
