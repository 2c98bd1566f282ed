package dev.pitwall.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample Proposals app of the story, on its own loopback port: members sign in and read their
 * proposals and line items. Release 2.13.0 maps line items from the stored proposals; release
 * 2.14.0 maps them "from the new proposals schema", which the stored proposals do not have yet,
 * so it answers 200 with an empty list: the silent break no test caught.
 */
final class ProposalsApp implements AutoCloseable {

    static final String SERVICE = "proposals-app";
    static final String GOOD_RELEASE = "2.13.0";
    static final String BROKEN_RELEASE = "2.14.0";
    static final String SYNTHETIC_USER = "synthetic-member";
    static final long SYNTHETIC_MEMBER = 42;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MEMBER_PATH = Pattern.compile("/api/members/(\\d+)/(line-items|proposals)");
    private static final int MAX_SESSIONS = 1_000;

    record Member(long id, String login, String name) {}

    /** A stored proposal row: its line items sit under {@code line_items}, as the current schema has them. */
    record Proposal(String id, long memberId, String title, Map<String, Object> row) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String password;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final List<Proposal> proposals = new ArrayList<>();
    private final Map<String, Long> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_SESSIONS;
        }
    };
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lineItemRequests = new AtomicLong();
    private volatile String release = GOOD_RELEASE;

    private ProposalsApp(HttpServer server, String password) {
        this.server = server;
        this.password = password;
        seed();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts the app on loopback; port 0 picks a free one. */
    static ProposalsApp start(int port, String password) throws IOException {
        ProposalsApp app = new ProposalsApp(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50), password);
        app.server.start();
        return app;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What a deploy does to the running app: from now on it behaves as {@code version}. */
    void deploy(String version) {
        if (!version.equals(GOOD_RELEASE) && !version.equals(BROKEN_RELEASE)) {
            throw new IllegalArgumentException("The sample app knows releases 2.13.0 and 2.14.0, not " + version);
        }
        release = version;
    }

    String release() {
        return release;
    }

    long lineItemRequests() {
        return lineItemRequests.get();
    }

    private void seed() {
        members.put(SYNTHETIC_USER, new Member(SYNTHETIC_MEMBER, SYNTHETIC_USER, "Synthetic member (Pitwall checks)"));
        members.put("northwind-dental", new Member(1042, "northwind-dental", "Northwind Dental"));
        members.put("harbor-law", new Member(2077, "harbor-law", "Harbor Law Partners"));
        proposals.add(
                proposal("P-4201", SYNTHETIC_MEMBER, "Synthetic proposal", item(17, "PLAN-PRO", "Pro plan", 1, 49)));
        proposals.add(proposal(
                "P-1042-7",
                1042,
                "Practice suite renewal",
                item(301, "SUITE-12", "Practice suite, 12 seats", 12, 39),
                item(302, "ONBOARD", "Onboarding workshop", 1, 450)));
        proposals.add(proposal(
                "P-2077-3",
                2077,
                "Case management rollout",
                item(511, "CASES-40", "Case management, 40 seats", 40, 29),
                item(512, "MIGRATE", "Data migration", 1, 1200),
                item(513, "SUPPORT", "Priority support, 12 months", 12, 90)));
    }

    @SafeVarargs
    private static Proposal proposal(String id, long memberId, String title, Map<String, Object>... items) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("title", title);
        row.put("line_items", List.of(items));
        return new Proposal(id, memberId, title, row);
    }

    private static Map<String, Object> item(long id, String sku, String description, int quantity, int unitPrice) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("sku", sku);
        item.put("description", description);
        item.put("quantity", quantity);
        item.put("unitPrice", unitPrice);
        return item;
    }

    /**
     * The line-items mapping of each release. 2.14.0 reads the key of the new proposals schema,
     * whose migration has not run: every proposal maps to no line items, and nothing fails.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lineItems(Proposal proposal) {
        String key = release.equals(BROKEN_RELEASE) ? "items" : "line_items";
        Object items = proposal.row().get(key);
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/") && method.equals("GET")) {
                home(exchange);
            } else if (path.equals("/api/version") && method.equals("GET")) {
                json(exchange, 200, Map.of("service", SERVICE, "version", release));
            } else if (path.equals("/api/login") && method.equals("POST")) {
                login(exchange);
            } else {
                Matcher matcher = MEMBER_PATH.matcher(path);
                if (matcher.matches() && method.equals("GET")) {
                    memberData(exchange, Long.parseLong(matcher.group(1)), matcher.group(2));
                } else {
                    json(exchange, 404, Map.of("error", "no such page: " + method + " " + path));
                }
            }
        }
    }

    private void home(HttpExchange exchange) throws IOException {
        String html = "<!doctype html><title>Proposals</title><h1>Proposals " + release + "</h1>"
                + "<p>Pitwall's sample app: members sign in (<code>POST /api/login</code>) and read"
                + " their proposals and line items (<code>GET /api/members/{id}/line-items</code>).</p>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (RuntimeException e) {
            json(exchange, 400, Map.of("error", "the body must be JSON: {\"user\": …, \"password\": …}"));
            return;
        }
        Member member = members.get(body.path("user").asString(""));
        if (member == null || !password.equals(body.path("password").asString(""))) {
            json(exchange, 401, Map.of("error", "unknown user or wrong password"));
            return;
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        synchronized (sessions) {
            sessions.put(token, member.id());
        }
        json(exchange, 200, Map.of("token", token, "member", Map.of("id", member.id(), "name", member.name())));
    }

    private void memberData(HttpExchange exchange, long memberId, String what) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Long signedIn = null;
        if (authorization != null && authorization.startsWith("Bearer ")) {
            synchronized (sessions) {
                signedIn =
                        sessions.get(authorization.substring("Bearer ".length()).strip());
            }
        }
        if (signedIn == null) {
            json(exchange, 401, Map.of("error", "sign in first (POST /api/login)"));
            return;
        }
        if (signedIn != memberId) {
            json(exchange, 403, Map.of("error", "a member sees only their own proposals"));
            return;
        }
        List<Proposal> own =
                proposals.stream().filter(p -> p.memberId() == memberId).toList();
        if (what.equals("proposals")) {
            List<Map<String, Object>> list = own.stream()
                    .map(p -> Map.<String, Object>of("id", p.id(), "title", p.title()))
                    .toList();
            json(exchange, 200, Map.of("member", memberId, "proposals", list));
            return;
        }
        lineItemRequests.incrementAndGet();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Proposal proposal : own) {
            for (Map<String, Object> item : lineItems(proposal)) {
                Map<String, Object> withProposal = new LinkedHashMap<>(item);
                withProposal.put("proposal", proposal.id());
                items.add(withProposal);
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("member", memberId);
        reply.put("total", items.size());
        reply.put("items", items);
        json(exchange, 200, reply);
    }

    private void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Proposals-Release", release);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
