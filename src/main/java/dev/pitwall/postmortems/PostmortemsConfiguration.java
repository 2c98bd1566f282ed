package dev.pitwall.postmortems;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.pitwall.incidents.IncidentPanel;
import dev.pitwall.system.NavigationEntry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PostmortemsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PostmortemsConfiguration.class);

    @Bean
    NavigationEntry postmortemsNavigation() {
        return new NavigationEntry("Postmortems", "/postmortems", 40);
    }

    @Bean
    NavigationEntry actionItemsNavigation() {
        return new NavigationEntry("Action items", "/action-items", 41);
    }

    /** The "Postmortem" section of the incident page: the draft's link and status, open action items. */
    @Bean
    IncidentPanel postmortemsIncidentPanel() {
        return new IncidentPanel() {
            @Override
            public String title() {
                return "Postmortem";
            }

            @Override
            public String path(long incidentId) {
                return "/postmortems/incidents/" + incidentId + "/panel";
            }

            @Override
            public int order() {
                return 50;
            }
        };
    }

    /**
     * Reminds owners of overdue action items through the incident's notification targets. A
     * db-scheduler task, so with several nodes it runs on one of them at a time.
     */
    @Bean
    RecurringTask<Void> postmortemsOverdueReminders(
            ActionItemService items, @Value("${pitwall.postmortems.overdue-check:15m}") Duration every) {
        return Tasks.recurring("postmortems-overdue-reminders", FixedDelay.of(every))
                .execute((instance, context) -> {
                    List<ActionItem> reminded = items.remindOverdue();
                    if (!reminded.isEmpty()) {
                        log.info(
                                "Reminded of overdue action items {}",
                                reminded.stream().map(ActionItem::id).toList());
                    }
                });
    }
}
