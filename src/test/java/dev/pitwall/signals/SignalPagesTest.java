package dev.pitwall.signals;

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
import org.springframework.context.annotation.Import;

@PitwallTest
@Import(RecordedSignals.class)
class SignalPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Signals signals;

    @Autowired
    RecordedSignals recorded;

    BrowserSession browser;

    @BeforeEach
    void signIn() {
        browser = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");
    }

    @Test
    void theSignalsPageShowsTitlesAndLabelsEscaped() {
        String marker = "xss" + System.nanoTime();
        ApiClient.Response created = ApiClient.at(port)
                .withToken(TestTokens.create(context, Scope.INGEST))
                .post(
                        "/api/v1/signals",
                        "{\"title\":\"<script>alert('" + marker + "')</script>\",\"service\":\"checkout\","
                                + "\"labels\":{\"q\":\"<img src=x onerror=alert(1)>\"},"
                                + "\"links\":[{\"href\":\"javascript:alert(1)\",\"text\":\"evil\"}]}");
        long id = created.json().get("id").asLong();

        HttpResponse<String> list = browser.get("/signals?q=" + marker);
        HttpResponse<String> detail = browser.get("/signals/" + id);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("&lt;script&gt;alert(&#39;" + marker + "&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert(")
                .contains("q=&lt;img src=x onerror=alert(1)&gt;");
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body())
                .contains("&lt;script&gt;alert(")
                .doesNotContain("<img src=x")
                .doesNotContain("href=\"javascript:");
    }

    @Test
    void anySignedInUserReportsAProblemThroughTheForm() {
        String customer = "globex-" + System.nanoTime();
        browser.get("/report");

        HttpResponse<String> response = browser.submit(
                "/report",
                Map.of(
                        "customer", customer,
                        "problem", "cannot download <b>invoices</b>",
                        "service", "billing",
                        "customersAffected", "4",
                        "widespread", "true"));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/signals/\\d+");
        HttpResponse<String> page = browser.get(location.substring(location.indexOf("/signals/")));
        assertThat(page.body())
                .contains("the report is recorded")
                .contains("cannot download &lt;b&gt;invoices&lt;/b&gt;")
                .contains(customer);
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        SignalView signal = signals.find(id).orElseThrow();
        assertThat(signal.source()).isEqualTo(SignalSource.REPORT);
        assertThat(signal.severity()).isEqualTo(Severity.ERROR);
        assertThat(signal.report())
                .isEqualTo(new SignalUpdate.Report(customer, "cannot download <b>invoices</b>", 4, true));
        assertThat(signal.labels()).containsEntry("reported_by", "admin");
        assertThat(recorded.of(signal.fingerprint())).singleElement();
    }

    @Test
    void theReportFormSaysWhatIsMissingAndKeepsWhatWasTyped() {
        browser.get("/report");

        HttpResponse<String> response = browser.submit(
                "/report", Map.of("customer", "", "problem", "checkout <fails>", "customersAffected", "x"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("must be a whole number").contains("checkout &lt;fails&gt;");
    }

    @Test
    void theFormNeedsItsCsrfToken() {
        HttpResponse<String> response =
                browser.postForm("/report", Map.of("customer", "acme", "problem", "forged report"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void thePagesNeedASignIn() {
        HttpResponse<String> response = new BrowserSession(port).get("/signals");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
