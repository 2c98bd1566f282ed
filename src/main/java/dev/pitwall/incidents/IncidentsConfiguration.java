package dev.pitwall.incidents;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.pitwall.system.NavigationEntry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IncidentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IncidentsConfiguration.class);

    @Bean
    NavigationEntry incidentsNavigation() {
        return new NavigationEntry("Incidents", "/incidents", 30);
    }

    /**
     * Resolves incidents that have stayed quiet in monitoring for the configured period. A
     * db-scheduler task, so with several nodes it runs on one of them at a time.
     */
    @Bean
    RecurringTask<Void> incidentsAutoResolve(
            IncidentService incidents,
            GroupingSettings settings,
            @Value("${pitwall.incidents.auto-resolve-check:15s}") Duration every) {
        return Tasks.recurring("incidents-auto-resolve", FixedDelay.of(every)).execute((instance, context) -> {
            List<Long> resolved = incidents.resolveQuiet(settings.current().autoResolveAfter());
            if (!resolved.isEmpty()) {
                log.info("Auto-resolved quiet incidents {}", resolved);
            }
        });
    }
}
