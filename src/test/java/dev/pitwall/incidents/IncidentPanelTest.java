package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.Actor;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.PitwallTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Other modules add sections to the incident page by declaring IncidentPanel beans. */
@PitwallTest
@Import(IncidentPanelTest.Panels.class)
class IncidentPanelTest {

    @TestConfiguration
    static class Panels {
        @Bean
        IncidentPanel postmortemPanel() {
            return panel("Postmortem", "/postmortems/incidents/%d/panel", 20);
        }

        @Bean
        IncidentPanel suspectsPanel() {
            return panel("Suspect changes", "/triage/incidents/%d/suspects", 10);
        }

        static IncidentPanel panel(String title, String path, int order) {
            return new IncidentPanel() {
                @Override
                public String title() {
                    return title;
                }

                @Override
                public String path(long incidentId) {
                    return path.formatted(incidentId);
                }

                @Override
                public int order() {
                    return order;
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IncidentService incidents;

    @Test
    void theIncidentPageLoadsEveryPanelInOrderAndRefreshesItOnThePanelsEvent() {
        long id = incidents
                .declare(
                        new Declaration("Panels", null, IncidentSeverity.SEV3, List.of(), null, null, null),
                        Actor.PITWALL)
                .id();

        String page = BrowserSession.signedIn(port, "admin", "admin-password-for-tests")
                .get("/incidents/" + id)
                .body();

        int suspects = page.indexOf("hx-get=\"/triage/incidents/" + id + "/suspects\"");
        int postmortem = page.indexOf("hx-get=\"/postmortems/incidents/" + id + "/panel\"");
        assertThat(suspects).isPositive().isLessThan(postmortem);
        assertThat(page).contains("Suspect changes", "Postmortem", "hx-trigger=\"load, sse:panels\"");
    }
}
