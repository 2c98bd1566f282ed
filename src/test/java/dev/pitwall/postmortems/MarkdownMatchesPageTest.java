package dev.pitwall.postmortems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.PitwallTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The Markdown export says what the printable page says: both are reduced to their text (tags and
 * Markdown syntax removed, escapes undone) and compared, for a postmortem with every section
 * written, including text that looks like markup.
 */
@PitwallTest
class MarkdownMatchesPageTest {

    static final String TRICKY = "<script>alert('pm')</script> *stars* _under_ [link](x) | pipe # hash & amp";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void theMarkdownExportHasTheContentsOfThePrintablePage() {
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
        long incident = admin.post("/api/v1/incidents", """
                        {"title": "Line items empty <b>now</b>", "severity": "sev2", "services": ["md-proposals"],
                         "environment": "production"}""").json().get("id").asLong();
        admin.post("/api/v1/incidents/" + incident + "/acknowledge", null);
        admin.post("/api/v1/incidents/" + incident + "/roles", "{\"role\": \"lead\", \"person\": \"ana\"}");
        admin.post(
                "/api/v1/incidents/" + incident + "/notes",
                "{\"text\": \"Rollback | started *now*\", \"pinned\": true}");
        admin.post("/api/v1/incidents/" + incident + "/resolve", "{\"reason\": \"rolled back\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/api/v1/postmortems?incident=" + incident)
                                .json()
                                .get("postmortems")
                                .size()
                        == 1);
        long id = admin.get("/api/v1/postmortems?incident=" + incident)
                .json()
                .get("postmortems")
                .get(0)
                .get("id")
                .asLong();
        JsonNode timeline = admin.get("/api/v1/postmortems/" + id).json().get("timeline");
        long note = PostmortemFlowTest.findEntry(timeline, "Rollback | started *now*");
        admin.patch("/api/v1/postmortems/" + id, json("""
                {"title": "Empty line items %s", "summary": "Members saw no line items.\\n\\nSecond paragraph: %s",
                 "wentWell": "The check caught it in 14 s.", "lucky": "It was a quiet evening.",
                 "learned": "The root cause was a missing migration."}""".formatted(TRICKY, TRICKY)));
        admin.post("/api/v1/postmortems/" + id + "/factors", json("{\"text\": \"No check covers line items\"}"));
        admin.post(
                "/api/v1/postmortems/" + id + "/factors",
                json("{\"text\": \"Migrations are manual: " + TRICKY + "\"}"));
        admin.post("/api/v1/postmortems/" + id + "/accounts", json("""
                {"saw": "The list was empty.\\nThen %s", "did": "I rolled back."}""".formatted(TRICKY)));
        admin.send(
                "PUT",
                "/api/v1/postmortems/" + id + "/timeline/" + note,
                json("{\"annotation\": \"Turning point " + TRICKY + "\"}"),
                "application/json");
        admin.post("/api/v1/postmortems/" + id + "/action-items", json("""
                {"title": "Check line items %s", "kind": "safeguard-check", "owner": "ana", "dueOn": "2031-02-03"}""".formatted(TRICKY)));
        admin.post("/api/v1/postmortems/" + id + "/action-items", json("""
                {"title": "Automate migrations", "kind": "fix", "link": "https://issues.example.com/PROP-12?a=1&b=2"}"""));
        String key = admin.get("/api/v1/postmortems/" + id + "/findings")
                .json()
                .get("open")
                .get(0)
                .get("key")
                .asString();
        admin.post(
                "/api/v1/postmortems/" + id + "/findings/dismissals",
                json("{\"key\": \"" + key + "\", \"reason\": \"quoting " + TRICKY + "\"}"));

        BrowserSession browser = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");
        compare(browser, admin, id);

        admin.post("/api/v1/postmortems/" + id + "/submit", null);
        var published = admin.post(
                "/api/v1/postmortems/" + id + "/publish",
                json("{\"publishAnyway\": true, \"reason\": \"Reviewed: " + TRICKY + "\"}"));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        compare(browser, admin, id);
    }

    void compare(BrowserSession browser, ApiClient api, long id) {
        var page = browser.get("/postmortems/" + id + "/print");
        assertThat(page.statusCode()).isEqualTo(200);
        var markdown = api.get("/api/v1/postmortems/" + id + ".md");
        assertThat(markdown.status()).isEqualTo(200);
        assertThat(markdown.contentType()).startsWith("text/markdown");

        String article = article(page.body());
        assertThat(article).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(markdown.body()).doesNotContain("<script>").contains("&lt;script&gt;");
        String fromPage = pageText(article);
        String fromMarkdown = markdownText(markdown.body());
        assertThat(fromMarkdown).isEqualTo(fromPage);
        assertThat(fromPage)
                .contains("Empty line items " + TRICKY)
                .contains("Turning point " + TRICKY)
                .contains("No check covers line items")
                .contains("What I saw: The list was empty. Then " + TRICKY)
                .contains("https://issues.example.com/PROP-12?a=1&b=2")
                .contains("key moment")
                .contains("Dismissed findings:");
    }

    static String json(String text) {
        return text;
    }

    static String article(String html) {
        Matcher m = Pattern.compile("(?s)<article[^>]*id=\"postmortem\"[^>]*>(.*)</article>")
                .matcher(html);
        assertThat(m.find()).as("the page has the postmortem article").isTrue();
        return m.group(1);
    }

    static String pageText(String html) {
        String text = html.replaceAll("(?s)<!--.*?-->", "")
                .replaceAll(
                        "(?i)</?(article|header|section|h1|h2|h3|p|div|table|thead|tbody|tr|th|td|ul|ol|li|br)\\b[^>]*>",
                        " ")
                .replaceAll("<[^>]+>", "");
        return squeeze(entities(text));
    }

    static String markdownText(String md) {
        StringBuilder out = new StringBuilder();
        for (String line : md.split("\n")) {
            if (line.matches("\\|(-+\\|)+")) {
                continue;
            }
            String l = line.replaceFirst("^#{1,6}\\s+", "")
                    .replaceFirst("^\\d+\\.\\s+", "")
                    .replaceFirst("^-\\s+", "")
                    .replaceAll("<(https?://[^>\\s]+)>", "$1")
                    .replace("**", "")
                    .replaceAll("(?<!\\\\)\\|", " ")
                    .replaceAll("\\\\(.)", "$1");
            out.append(l).append('\n');
        }
        return squeeze(entities(out.toString()));
    }

    static String entities(String text) {
        return text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
    }

    static String squeeze(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
