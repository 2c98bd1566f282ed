package dev.pitwall.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.Actor;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@PitwallTest
class StatusPageTest {

    @LocalServerPort
    int port;

    @Autowired
    IncidentService incidents;

    @Test
    void publicUpdatesAppearOnTheStatusPageWithoutASignIn() {
        IncidentView incident = incidents.declare(
                new Declaration(
                        "Proposals API returns errors to members",
                        null,
                        IncidentSeverity.SEV2,
                        List.of("status-proposals"),
                        "production",
                        null,
                        null),
                Actor.PITWALL);
        incidents.postUpdate(incident.id(), "Internal: suspect deploy 2.14.0", false, null, Actor.PITWALL);
        ApiClient anonymous = ApiClient.at(port);

        String before = anonymous.get("/status").body();
        assertThat(before)
                .contains("Investigating a problem with status-proposals", "Partial outage")
                .doesNotContain("Proposals API returns errors to members", "suspect deploy");

        incidents.postUpdate(
                incident.id(),
                "Some members cannot see proposals; we are rolling back.",
                true,
                IncidentStatus.IDENTIFIED,
                Actor.PITWALL);
        String after = anonymous.get("/status").body();
        assertThat(after)
                .contains("Proposals API returns errors to members", "we are rolling back", "identified")
                .doesNotContain("suspect deploy");

        JsonNode json = anonymous.get("/status.json").json();
        assertThat(json.get("state").asString()).isIn("partial_outage", "major_outage");
        JsonNode service = findService(json, "status-proposals");
        assertThat(service.get("state").asString()).isEqualTo("partial_outage");
        assertThat(json.get("incidents").findValuesAsString("title"))
                .contains("Proposals API returns errors to members");
        JsonNode history = json.get("history");
        assertThat(history.get(0).get("days")).hasSize(90);

        incidents.resolve(incident.id(), Actor.PITWALL, null);
        JsonNode resolved = anonymous.get("/status.json").json();
        assertThat(findService(resolved, "status-proposals").get("state").asString())
                .isEqualTo("operational");
        assertThat(resolved.get("pastIncidents").findValuesAsString("title"))
                .contains("Proposals API returns errors to members");
        assertThat(anonymous.get("/status").body()).contains("Past incidents");
    }

    private static JsonNode findService(JsonNode json, String name) {
        for (JsonNode s : json.get("services")) {
            if (s.get("name").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no service " + name + " in " + json);
    }
}
