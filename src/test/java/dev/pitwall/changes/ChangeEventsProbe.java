package dev.pitwall.changes;

import dev.pitwall.system.DurableEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** Collects what the change log tells other modules, as a listening module would receive it. */
@TestConfiguration
public class ChangeEventsProbe {

    public final List<ChangeFinished> finished = new CopyOnWriteArrayList<>();
    public final List<ChangeRecorded> recorded = new CopyOnWriteArrayList<>();

    @DurableEventListener
    void on(ChangeFinished event) {
        finished.add(event);
    }

    @EventListener
    void on(ChangeRecorded event) {
        recorded.add(event);
    }

    /** A panel such as checks adds to the change page. */
    @Bean
    ChangePanel testVerificationPanel() {
        return new ChangePanel() {
            @Override
            public String title() {
                return "Post-deploy verification (test panel)";
            }

            @Override
            public String path(long changeId) {
                return "/test-panels/changes/" + changeId + "/verification";
            }
        };
    }

    public List<ChangeFinished> finishedFor(long changeId) {
        return finished.stream().filter(e -> e.changeId() == changeId).toList();
    }

    public List<ChangeRecorded> recordedFor(long changeId) {
        return recorded.stream().filter(e -> e.changeId() == changeId).toList();
    }
}
