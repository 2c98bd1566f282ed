package dev.pitwall.signals;

import dev.pitwall.system.Dialect;
import dev.pitwall.system.PitwallProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The intake pipeline: log (by dialect), group-commit writer and fold, wired together. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean(destroyMethod = "close")
    IntakeLog intakeLog(
            Dialect dialect,
            PitwallProperties pitwall,
            SignalsProperties signals,
            SignalRepository repository,
            PlatformTransactionManager transactionManager) {
        if (dialect == Dialect.POSTGRESQL) {
            return new PostgresIntakeLog(repository, transactionManager);
        }
        return new SqliteIntakeLog(
                pitwall.dataDir().resolve("intake.db"),
                pitwall.database().durability(),
                repository,
                signals.intake().walKeep().toBytes(),
                signals.intake().walLimit().toBytes());
    }

    @Bean
    SignalFolder signalFolder(
            IntakeLog intakeLog,
            SignalRecorder recorder,
            SignalRepository repository,
            PlatformTransactionManager transactionManager,
            SignalsProperties signals,
            Dialect dialect,
            Clock clock) {
        // Other nodes append to a shared PostgreSQL log without waking this one: look now and then.
        Duration idlePoll = dialect == Dialect.POSTGRESQL ? Duration.ofMillis(200) : Duration.ofSeconds(1);
        return new SignalFolder(intakeLog, recorder, repository, transactionManager, signals.intake(), clock, idlePoll);
    }

    @Bean
    IntakeWriter intakeWriter(
            IntakeLog intakeLog,
            SignalsProperties signals,
            SignalFolder folder,
            Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        IntakeWriter writer = new IntakeWriter(intakeLog, signals.intake(), folder::wake, clock);
        meters.ifAvailable(registry -> {
            Gauge.builder("pitwall.signals.intake.backlog", intakeLog, IntakeLog::backlog)
                    .description("Signals acknowledged to senders and not yet folded into the signals table")
                    .register(registry);
            Gauge.builder("pitwall.signals.intake.queued", writer, IntakeWriter::queued)
                    .description("Intake requests waiting for the group commit")
                    .register(registry);
        });
        return writer;
    }
}
