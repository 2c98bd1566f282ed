package dev.pitwall.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP session for UI tests without a browser: keeps cookies, does not follow
 * redirects, and fills the CSRF field of forms from the page it last loaded.
 */
public final class BrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private final URI base;
    private final HttpClient http;
    private String lastPage = "";

    public BrowserSession(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in through the login form and fails the test if that does not work. */
    public static BrowserSession signedIn(int port, String username, String password) {
        BrowserSession session = new BrowserSession(port);
        session.get("/login");
        HttpResponse<String> response = session.submit("/login", Map.of("username", username, "password", password));
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new AssertionError("Sign-in as " + username + " failed: " + response.statusCode() + " " + location);
        }
        return session;
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(base.resolve(path)).GET());
        lastPage = response.body();
        return response;
    }

    /** Posts a form with the CSRF token of the last page loaded. */
    public HttpResponse<String> submit(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        String token = csrfToken();
        if (token != null) {
            all.put("_csrf", token);
        }
        return postForm(path, all);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public String csrfToken() {
        Matcher matcher = CSRF.matcher(lastPage);
        return matcher.find() ? matcher.group(1) : null;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
