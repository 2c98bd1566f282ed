package dev.pitwall.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.PitwallTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The checks pages through a browser-like session (forms with CSRF, no browser needed). */
@PitwallTest
class CheckPagesTest {

    static ProposalsTarget target;

    @LocalServerPort
    int port;

    @Autowired
    CheckService checks;

    BrowserSession admin;

    @BeforeAll
    static void startTarget() throws Exception {
        target = new ProposalsTarget();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @BeforeEach
    void signIn() {
        admin = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");
        target.mode(ProposalsTarget.Mode.HEALTHY);
    }

    Map<String, String> form(String name, String steps) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("service", "pages-proposals");
        form.put("environment", "production");
        form.put("interval", "5m");
        form.put("failAfter", "2");
        form.put("recoverAfter", "2");
        form.put("critical", "true");
        form.put("steps", steps.replace("TARGET", target.url("")));
        return form;
    }

    static final String STEPS = """
            - name: login
              method: POST
              url: TARGET/api/login
              body: '{"password": "${secret:PAGES_PW}"}'
              assert:
                - status == 200
            - name: list
              url: TARGET/api/members/42/line-items
              headers:
                Authorization: Bearer ${login.body.token}
              assert:
                - $.items.length() > 0
            """;

    @Test
    void aCheckIsCreatedInTheFormAndRunFromItsPageStepByStep() {
        admin.get("/checks");
        admin.submit("/checks/secrets", Map.of("name", "PAGES_PW", "value", "s3cret-pw"));
        assertThat(admin.get("/checks").body()).contains("PAGES_PW").doesNotContain("s3cret-pw");

        admin.get("/checks/new");
        var created = admin.submit("/checks", form("pages member can list line items", STEPS));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String page = admin.get(location.replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page)
                .contains("pages member can list line items")
                .contains("Run now")
                .contains("uptime 24h");

        target.mode(ProposalsTarget.Mode.EMPTY_LIST);
        var run = admin.submit(location.replaceFirst("^https?://[^/]+", "") + "/run", Map.of());
        assertThat(run.statusCode()).isEqualTo(302);
        String result = admin.get(
                        run.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
                .body();
        assertThat(result)
                .contains("failed")
                .contains("$.items.length() &gt; 0")
                .contains("expected <code>&gt; 0</code>")
                .contains("got <code>0</code>")
                .contains("Response (up to 4 KB)")
                .doesNotContain("s3cret-pw");
    }

    @Test
    void mistakesInTheFormAreShownByFieldAndNothingIsSaved() {
        admin.get("/checks/new");

        var response =
                admin.submit("/checks", form("pages broken", "- url: ftp://nowhere\n  assert: [status = 200]\n"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("The check was not saved")
                .contains("steps[0].url")
                .contains("steps[0].assert[0]");
        assertThat(checks.list()).noneMatch(c -> c.name().equals("pages broken"));
    }

    @Test
    void aFormCanBeTriedWithoutSaving() {
        admin.get("/checks/new");

        var response =
                admin.submit("/checks/try", form("pages trial", STEPS.replace("${secret:PAGES_PW}", "s3cret-pw")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("passed").contains("login").contains("list");
        assertThat(checks.list()).noneMatch(c -> c.name().equals("pages trial"));
    }

    @Test
    void checksFromTheFileAreReadOnlyInTheUi() {
        CheckView fromFile = checks.create("""
                name: pages from a file
                service: pages-proposals
                url: https://example.invalid/
                paused: true
                """, "ui");
        checks.applyConfig(
                java.util.List.of(new ChecksConfigSection.Declared(CheckService.parseOne("""
                        name: pages from a file
                        service: pages-proposals
                        url: https://example.invalid/
                        paused: true
                        """), "pitwall.yaml", 7)));

        String page = admin.get("/checks/" + fromFile.id()).body();
        assertThat(page)
                .contains("Declared in <code>pitwall.yaml</code>")
                .contains(", line 7")
                .doesNotContain(">Edit<");
        var edit = admin.get("/checks/" + fromFile.id() + "/edit");
        assertThat(edit.statusCode()).isEqualTo(302);
        admin.get("/checks/" + fromFile.id());
        var delete = admin.submit("/checks/" + fromFile.id() + "/delete", Map.of());
        assertThat(delete.headers().firstValue("Location").orElseThrow()).endsWith("/checks/" + fromFile.id());
        assertThat(checks.get(Long.toString(fromFile.id())).fromConfig()).isTrue();
        checks.applyConfig(java.util.List.of());
    }

    @Test
    void theVerificationPanelSaysWhenAChangeHasNoVerification() {
        var panel = admin.get("/checks/changes/999999/verification");

        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("No post-deploy verification for this change");
    }
}
