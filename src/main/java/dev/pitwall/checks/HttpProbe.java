package dev.pitwall.checks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * HTTP steps, on Jetty's asynchronous client: no thread waits for a response, so thousands of
 * checks share a few threads, and a hung target costs nothing but its own timeout. Every request
 * opens a new connection ({@code Connection: close}), as a user's first visit would: keeping
 * connections between runs would hide slow name lookups, connects and TLS handshakes, and a
 * certificate or DNS change. Cookies are not shared between runs; a run's own steps pass them on.
 */
final class HttpProbe implements Probe<StepCall.Http>, AutoCloseable {

    static final String USER_AGENT = "Pitwall-Check/1.0";

    private final HttpClient verifying;
    private final CertificateReader certificates;
    private final Executor blocking;
    private final TargetGuard guard;
    private final int maxConnections;
    private volatile HttpClient trusting;

    HttpProbe(TargetGuard guard, int maxConnections, Executor blocking, CertificateReader certificates) {
        this.guard = guard;
        this.maxConnections = maxConnections;
        this.blocking = blocking;
        this.certificates = certificates;
        this.verifying = client("verify", new SslContextFactory.Client(false), guard, maxConnections, blocking);
    }

    /** The client for steps with {@code verify_tls: false}, made on first use (most setups never need it). */
    private HttpClient trusting() {
        HttpClient client = trusting;
        if (client == null) {
            synchronized (this) {
                client = trusting;
                if (client == null) {
                    SslContextFactory.Client trustAll = new SslContextFactory.Client(true);
                    trustAll.setEndpointIdentificationAlgorithm(null);
                    client = client("trust", trustAll, guard, maxConnections, blocking);
                    trusting = client;
                }
            }
        }
        return client;
    }

    private static HttpClient client(
            String name, SslContextFactory.Client tls, TargetGuard guard, int maxConnections, Executor blocking) {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        connector.setSelectors(1);
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("pitwall-check-http-" + name);
        threads.setDaemon(true);
        connector.setExecutor(threads);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        client.setFollowRedirects(false);
        client.setMaxRedirects(10);
        client.setConnectTimeout(StepDefinition.MAX_TIMEOUT.toMillis());
        client.setMaxConnectionsPerDestination(Math.max(16, maxConnections));
        client.setMaxRequestsQueuedPerDestination(Math.max(1024, maxConnections * 4));
        client.setSocketAddressResolver(new GuardedResolver(guard, blocking));
        try {
            client.start();
            // a 401 is an answer to judge, not a challenge to take up (Jetty would refuse one without
            // WWW-Authenticate); the handlers are installed by start()
            client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
            client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the HTTP client for checks", e);
        }
        return client;
    }

    @Override
    public CompletableFuture<StepObservation> observe(StepCall.Http call) {
        HttpStep step = call.step();
        String target = call.url().toString();
        long timeout = step.timeout().toMillis();
        CompletableFuture<StepObservation> observed = new CompletableFuture<>();
        long start = System.nanoTime();
        AtomicLong committed = new AtomicLong();
        AtomicLong firstByte = new AtomicLong();
        try {
            Request request = (step.verifyTls() ? verifying : trusting())
                    .newRequest(call.url())
                    .method(call.method())
                    .timeout(timeout, TimeUnit.MILLISECONDS)
                    .followRedirects(step.followRedirects())
                    .headers(h -> {
                        h.put(HttpHeader.CONNECTION, "close");
                        call.headers().forEach(h::put);
                        if (call.cookie() != null) {
                            h.put(HttpHeader.COOKIE, call.cookie());
                        }
                    })
                    .onRequestCommit(r -> committed.compareAndSet(0, System.nanoTime()))
                    .onResponseBegin(r -> firstByte.compareAndSet(0, System.nanoTime()));
            if (call.body() != null) {
                String type = call.headers().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse("text/plain; charset=utf-8");
                request.body(new StringRequestContent(type, call.body(), StandardCharsets.UTF_8));
            }
            request.send(new BodyListener(target, timeout, start, committed, firstByte, observed));
        } catch (RuntimeException e) {
            observed.complete(StepObservation.failed(
                    target,
                    ProbeErrors.describe(e, target, timeout),
                    StepTimings.total(StepTimings.millisSince(start, System.nanoTime()))));
        }
        if (!step.wantsCertificate() || !"https".equalsIgnoreCase(call.url().getScheme())) {
            return observed;
        }
        CompletableFuture<Object> days = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        int port = call.url().getPort() < 0 ? 443 : call.url().getPort();
                        return (Object) certificates.daysLeft(call.url().getHost(), port, step.timeout());
                    } catch (Exception e) {
                        return "cannot read the certificate: " + ProbeErrors.describe(e, target, timeout);
                    }
                },
                blocking);
        return observed.thenCombine(
                days,
                (seen, certificate) -> seen.error() != null
                        ? seen
                        : StepObservation.http(
                                seen.target(),
                                seen.status(),
                                seen.headers(),
                                seen.body(),
                                seen.bodyTruncated(),
                                certificate instanceof Long d ? d : null,
                                certificate instanceof String s ? s : null,
                                seen.timings()));
    }

    /** Keeps the first {@link StepObservation#MAX_BODY} bytes of the body, then stops the download. */
    private static final class BodyListener implements Response.Listener {

        private static final class BodyLimit extends RuntimeException {
            BodyLimit() {
                super("body limit reached", null, false, false);
            }
        }

        private final String target;
        private final long timeout;
        private final long start;
        private final AtomicLong committed;
        private final AtomicLong firstByte;
        private final CompletableFuture<StepObservation> observed;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private boolean truncated;

        BodyListener(
                String target,
                long timeout,
                long start,
                AtomicLong committed,
                AtomicLong firstByte,
                CompletableFuture<StepObservation> observed) {
            this.target = target;
            this.timeout = timeout;
            this.start = start;
            this.committed = committed;
            this.firstByte = firstByte;
            this.observed = observed;
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int room = StepObservation.MAX_BODY - body.size();
            int n = Math.min(room, content.remaining());
            if (n > 0) {
                byte[] chunk = new byte[n];
                content.get(chunk);
                body.write(chunk, 0, n);
            }
            if (content.hasRemaining()) {
                truncated = true;
                response.abort(new BodyLimit());
            }
        }

        @Override
        public void onComplete(Result result) {
            long end = System.nanoTime();
            StepTimings timings = new StepTimings(
                    committed.get() == 0 ? null : StepTimings.millisSince(start, committed.get()),
                    firstByte.get() == 0 ? null : StepTimings.millisSince(start, firstByte.get()),
                    StepTimings.millisSince(start, end));
            Throwable failure = result.getFailure();
            Response response = result.getResponse();
            if (failure != null && !(failure instanceof BodyLimit) || response == null || response.getStatus() <= 0) {
                observed.complete(StepObservation.failed(
                        finalTarget(result), ProbeErrors.describe(failure, target, timeout), timings));
                return;
            }
            HttpFields fields = response.getHeaders();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : fields) {
                headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>())
                        .add(field.getValue());
            }
            String text = new String(body.toByteArray(), charset(fields.get(HttpHeader.CONTENT_TYPE)));
            observed.complete(StepObservation.http(
                    finalTarget(result), response.getStatus(), headers, text, truncated, null, null, timings));
        }

        private String finalTarget(Result result) {
            return result.getRequest() == null
                    ? target
                    : result.getRequest().getURI().toString();
        }

        private static Charset charset(String contentType) {
            if (contentType != null) {
                int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
                if (at >= 0) {
                    String name =
                            contentType.substring(at + 8).split(";")[0].trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (RuntimeException ignored) {
                        // an unknown charset reads as UTF-8, like most clients do
                    }
                }
            }
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public void close() {
        for (HttpClient client : java.util.Arrays.asList(verifying, trusting)) {
            if (client == null) {
                continue;
            }
            try {
                client.stop();
            } catch (Exception ignored) {
                // stopping: nothing more to do for a client that fails to stop
            }
        }
    }
}
