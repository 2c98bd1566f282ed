package dev.pitwall.incidents;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One POST of a JSON body, as the webhook notifiers send it; any 2xx is a delivery. */
final class WebhookPost {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private WebhookPost() {}

    static Notifier.Outcome post(String url, byte[] body, Map<String, String> headers) {
        if (url == null) {
            return Notifier.Outcome.failed("the target has no URL");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Pitwall")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        String host = URI.create(url).getHost();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Notifier.Outcome.ok("HTTP " + status + " from " + host);
            }
            String text = response.body() == null ? "" : response.body().strip();
            return Notifier.Outcome.failed("HTTP " + status + " from " + host
                    + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return Notifier.Outcome.failed("cannot connect to " + host);
        } catch (HttpTimeoutException e) {
            return Notifier.Outcome.failed("no answer from " + host + " within 10 s");
        } catch (IOException e) {
            return Notifier.Outcome.failed(e.getClass().getSimpleName() + " talking to " + host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Notifier.Outcome.failed("interrupted while sending");
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
