package dev.pitwall.checks;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.pitwall.system.NavigationEntry;
import dev.pitwall.system.SecretBox;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChecksConfiguration {

    @Bean
    TargetGuard checkTargetGuard(ChecksProperties properties) {
        try {
            return new TargetGuard(properties.allowedTargets());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pitwall.checks.allowed-targets: " + e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    Probes checkProbes(TargetGuard guard, ChecksProperties properties, Clock clock) {
        return Probes.start(guard, properties.maxConcurrency(), clock);
    }

    @Bean
    CheckSecrets checkSecrets(SecretBox box) {
        return new CheckSecrets(box, System::getenv);
    }

    @Bean
    JourneyRunner journeyRunner(Probes probes, CheckSecrets secrets, Clock clock) {
        return new JourneyRunner(probes, secrets::lookup, clock);
    }

    @Bean
    NavigationEntry checksNavigation() {
        return new NavigationEntry("Checks", "/checks", 30);
    }

    @Bean
    CustomTask<Void> checksScheduleTask(CheckScheduler scheduler) {
        return Tasks.custom(CheckScheduler.TASK, Void.class).execute(scheduler::plan);
    }

    @Bean
    CustomTask<Void> checksVerificationTask(VerificationService verifications) {
        return Tasks.custom(VerificationService.TASK, Void.class).execute(verifications::nextRound);
    }

    @Bean
    OneTimeTask<Void> checksRollbackHookTask(RollbackHooks hooks) {
        return Tasks.oneTime(RollbackHooks.TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(5)))
                .execute((instance, context) -> hooks.deliver(Long.parseLong(instance.getId())));
    }

    @Bean
    RecurringTask<Void> checksRetentionTask(ResultRetention retention) {
        return Tasks.recurring("checks-retention", FixedDelay.ofMinutes(10))
                .execute((instance, context) -> retention.run());
    }
}
