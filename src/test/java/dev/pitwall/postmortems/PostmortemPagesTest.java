package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.PitwallTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The postmortem pages work from a browser: forms with CSRF, escaped text, review marks, panel, lists. */
@PitwallTest
class PostmortemPagesTest {

    static final String SCRIPT = "<script>alert('pm')</script>";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ApiClient api;
    BrowserSession browser;

    @BeforeEach
    void sessions() {
        api = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        browser = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");
    }

    long incident(String title, String service) {
        return api.post("/api/v1/incidents", "{\"title\": \"" + title + "\", \"services\": [\"" + service + "\"]}")
                .json()
                .get("id")
                .asLong();
    }

    /** Submits a form and follows the redirect, as a browser does (so each flash message is read once). */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        HttpResponse<String> response = browser.submit(path, fields);
        assertThat(response.statusCode()).as(path).isEqualTo(302);
        browser.get(response.headers().firstValue("Location").orElseThrow().replaceAll("#.*", ""));
        return response;
    }

    static long idFrom(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String path = location.replaceAll("#.*", "");
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }

    @Test
    void aResponderDraftsWritesAndSubmitsAPostmortemFromThePages() {
        long incident = incident("Invoices missing", "page-invoices");
        String panel =
                browser.get("/postmortems/incidents/" + incident + "/panel").body();
        assertThat(panel)
                .contains("No postmortem yet")
                .contains("Draft the postmortem now")
                .contains("name=\"_csrf\"");
        browser.get("/incidents/" + incident);

        HttpResponse<String> created = browser.submit("/postmortems", Map.of("incidentId", Long.toString(incident)));

        assertThat(created.statusCode()).isEqualTo(302);
        long id = idFrom(created);
        String page = browser.get("/postmortems/" + id).body();
        assertThat(page).contains("Invoices missing", "Submit for review", "Add your account", "Not written yet.");

        HttpResponse<String> saved = browser.submit(
                "/postmortems/" + id + "/sections",
                Map.of(
                        "section",
                        "summary",
                        "title",
                        "Invoices missing " + SCRIPT,
                        "summary",
                        "Bob forgot to run the" + " migration. " + SCRIPT));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("#summary");
        browser.get("/postmortems/" + id);
        post("/postmortems/" + id + "/factors", Map.of("text", "No check covers invoices"));
        post(
                "/postmortems/" + id + "/accounts",
                Map.of("saw", "An empty invoice list", "expected", "A failing deploy", "did", "I paged the team"));
        post(
                "/postmortems/" + id + "/action-items",
                Map.of(
                        "title",
                        "Check invoices after deploys",
                        "kind",
                        "safeguard-check",
                        "owner",
                        "admin",
                        "dueOn",
                        "2031-01-01"));
        page = browser.get("/postmortems/" + id).body();

        assertThat(page)
                .doesNotContain(SCRIPT)
                .contains("Invoices missing &lt;script&gt;alert(&#39;pm&#39;)&lt;/script&gt;")
                .contains("<mark title=\"Make the work or the system the subject")
                .contains("class=\"finding\">Bob forgot</mark>")
                .contains("No check covers invoices")
                .contains("An empty invoice list")
                .contains("Edit your account")
                .contains("Create its check")
                .contains("2 open findings");
        post("/postmortems/" + id + "/submit", Map.of());
        assertThat(browser.get("/postmortems/" + id).body())
                .contains("Publish anyway")
                .contains("Back to draft");
        assertThat(browser.submit("/postmortems/" + id + "/publish", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(browser.get("/postmortems/" + id).body()).contains("is still triage; resolve it first");

        panel = browser.get("/postmortems/incidents/" + incident + "/panel").body();
        assertThat(panel).contains("Postmortem #" + id).contains("In review").contains("Check invoices after deploys");
        assertThat(browser.get("/postmortems").body()).contains("Invoices missing &lt;script&gt;");
        HttpResponse<String> markdown = browser.get("/postmortems/" + id + ".md");
        assertThat(markdown.statusCode()).isEqualTo(200);
        assertThat(markdown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        assertThat(markdown.body())
                .isEqualTo(api.get("/api/v1/postmortems/" + id + ".md").body());
        assertThat(browser.get("/postmortems?status=in_review").body()).contains("/postmortems/" + id);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndPagesNeedASignIn() {
        long incident = incident("Csrf check", "page-csrf");
        long id = api.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                .json()
                .get("id")
                .asLong();
        browser.get("/postmortems/" + id);

        HttpResponse<String> forged = browser.postForm("/postmortems/" + id + "/sections", Map.of("summary", "forged"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/postmortems/" + id).json().get("summary").isNull())
                .isTrue();
        HttpResponse<String> anonymous = new BrowserSession(port).get("/postmortems/" + id);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).contains("/login");
        assertThat(new BrowserSession(port).get("/postmortems/" + id + "/print").statusCode())
                .isEqualTo(302);
    }

    @Test
    void openActionItemsAcrossPostmortemsAreListedAndASafeguardIsNotMarkedDoneByHand() {
        long incident = incident("Quotes wrong", "page-quotes");
        long id = api.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                .json()
                .get("id")
                .asLong();
        long overdue = api.post("/api/v1/postmortems/" + id + "/action-items", """
                        {"title": "Document quote rounding", "kind": "docs", "owner": "carol", "dueOn": "2020-01-01"}""")
                .json()
                .get("id")
                .asLong();
        long safeguard = api.post("/api/v1/postmortems/" + id + "/action-items", """
                        {"title": "Check quote totals %s", "kind": "safeguard-check", "owner": "carol"}""".formatted(SCRIPT))
                .json()
                .get("id")
                .asLong();

        String list = browser.get("/action-items?owner=carol").body();

        assertThat(list)
                .contains("Document quote rounding")
                .contains("overdue")
                .contains("Check quote totals &lt;script&gt;")
                .doesNotContain(SCRIPT)
                .contains("create it");
        assertThat(browser.get("/action-items?owner=carol&overdue=true").body())
                .contains("Document quote rounding")
                .doesNotContain("Check quote totals");
        HttpResponse<String> byHand =
                browser.submit("/action-items/" + safeguard, Map.of("status", "done", "back", "list"));
        assertThat(byHand.statusCode()).isEqualTo(302);
        assertThat(browser.get("/action-items").body()).contains("Pitwall marks a safeguard-check item done itself");
        browser.get("/action-items");
        assertThat(api.get("/api/v1/action-items/" + safeguard)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("open");
        post("/action-items/" + overdue, Map.of("status", "done", "reason", "written in the wiki", "back", "list"));
        assertThat(api.get("/api/v1/action-items/" + overdue)
                        .json()
                        .get("doneReason")
                        .asString())
                .isEqualTo("written in the wiki");
        assertThat(browser.get("/action-items?owner=carol").body()).doesNotContain("Document quote rounding");
    }

    @Test
    void theSafeguardCheckFormIsPrefilledFromTheIncidentAndExplainsAMistake() {
        long incident = incident("Reports blank", "page-reports");
        long id = api.post("/api/v1/postmortems", "{\"incidentId\": " + incident + "}")
                .json()
                .get("id")
                .asLong();
        long item = api.post("/api/v1/postmortems/" + id + "/action-items", """
                        {"title": "Guard the reports page", "kind": "safeguard-check"}""")
                .json()
                .get("id")
                .asLong();

        String form = browser.get("/action-items/" + item + "/check").body();

        assertThat(form)
                .contains("name: &#39;safeguard: Guard the reports page&#39;")
                .contains("service: page-reports")
                .contains("environment: production")
                .contains("status == 200");
        HttpResponse<String> bad = browser.submit(
                "/action-items/" + item + "/check", Map.of("definition", "name: broken\nservice: page-reports\n"));
        assertThat(bad.headers().firstValue("Location").orElseThrow()).endsWith("/action-items/" + item + "/check");
        assertThat(browser.get("/action-items/" + item + "/check").body())
                .contains("needs steps")
                .contains("name: broken");
        HttpResponse<String> good = browser.submit(
                "/action-items/" + item + "/check",
                Map.of(
                        "definition",
                        "name: reports page answers\nservice: page-reports\ninterval: 1h\ntcp: 127.0.0.1:" + port
                                + "\n"));
        assertThat(good.headers().firstValue("Location").orElseThrow()).contains("/postmortems/" + id);
        var linked = api.get("/api/v1/action-items/" + item).json();
        assertThat(linked.get("check").get("name").asString()).isEqualTo("reports page answers");
        assertThat(linked.get("status").asString()).isEqualTo("open");
        assertThat(browser.get("/postmortems/" + id).body())
                .contains("waiting for check &#39;reports page answers&#39; to pass a post-deploy verification");
    }

    @Test
    void theRulesPageListsEveryRuleWithItsExamples() {
        String page = browser.get("/postmortems/rules").body();

        assertThat(page)
                .contains("human-error")
                .contains("person-as-subject")
                .contains("I&#39;ll admit it, it was my fault.")
                .contains("built-in");
    }
}
