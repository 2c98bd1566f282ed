package dev.pitwall.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Role;
import dev.pitwall.changes.ChangeEventsProbe;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@PitwallTest
@Import(ChangeEventsProbe.class)
class CatalogPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    CatalogService catalog;

    @Autowired
    AccountService accounts;

    private BrowserSession admin() {
        return BrowserSession.signedIn(port, "admin", "admin-password-for-tests");
    }

    private static Map<String, String> form(String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("ownerTeam", "team-proposals");
        form.put("tier", "1");
        form.put("description", "Builds proposals");
        form.put("dependsOn", "page-pricing, page-rates");
        form.put("runbookUrl", "https://wiki.example.com/proposals");
        form.put("verificationWindow", "15m");
        form.put("rollbackHookUrl", "https://deploy.example.com/rollback");
        form.put("rollbackHookSecret", "hook-secret-9");
        return form;
    }

    @Test
    void anAdminDescribesAServiceAndTheSecretShowsOnlyAsSet() {
        catalog.ensure("page-proposals");
        BrowserSession admin = admin();
        admin.get("/services/edit?name=page-proposals");

        var saved = admin.submit("/services/edit", form("page-proposals"));

        assertThat(saved.statusCode()).isEqualTo(302);
        CatalogEntry entry = catalog.get("page-proposals");
        assertThat(entry.ownerTeam()).isEqualTo("team-proposals");
        assertThat(entry.tier()).isEqualTo(1);
        assertThat(entry.dependsOn()).containsExactly("page-pricing", "page-rates");
        assertThat(entry.verificationWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(catalog.rollbackHook("page-proposals"))
                .hasValueSatisfying(h -> assertThat(h.secret()).isEqualTo("hook-secret-9"));
        String list = admin.get("/services").body();
        assertThat(list)
                .contains("page-proposals")
                .contains("team-proposals")
                .contains("tier 1")
                .contains("page-pricing, page-rates")
                .contains("https://wiki.example.com/proposals");
        String edit = admin.get("/services/edit?name=page-proposals").body();
        assertThat(edit).contains("15m").contains(">set<").doesNotContain("hook-secret-9");
    }

    @Test
    void aBadFieldIsShownOnTheFormAndNothingChanges() {
        catalog.ensure("page-bad");
        BrowserSession admin = admin();
        admin.get("/services/edit?name=page-bad");
        Map<String, String> form = form("page-bad");
        form.put("runbookUrl", "javascript:alert(1)");

        var response = admin.submit("/services/edit", form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("is not an http(s) URL");
        assertThat(catalog.get("page-bad").ownerTeam()).isNull();
    }

    @Test
    void servicesFromPitwallYamlAreShownAsSuchAndNotEditedHere() {
        catalog.describe(
                "page-from-config", new ServiceDescription("team-x", 2, null, null, null, null, null, null), "config");
        BrowserSession admin = admin();

        String list = admin.get("/services").body();
        admin.get("/services/edit?name=page-from-config");
        var refused = admin.submit("/services/edit", form("page-from-config"));

        assertThat(list).contains("page-from-config").contains("pitwall.yaml");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(catalog.get("page-from-config").ownerTeam()).isEqualTo("team-x");
    }

    @Test
    void respondersSeeServicesButCannotEditThem() {
        accounts.createUser("catalog-responder", "responder-password-2", Role.RESPONDER);
        BrowserSession responder = BrowserSession.signedIn(port, "catalog-responder", "responder-password-2");

        assertThat(responder.get("/services").statusCode()).isEqualTo(200);
        assertThat(responder.get("/services/edit?name=x").statusCode()).isEqualTo(403);
    }
}
