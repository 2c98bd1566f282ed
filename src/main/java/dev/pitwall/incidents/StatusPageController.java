package dev.pitwall.incidents;

import dev.pitwall.catalog.CatalogEntry;
import dev.pitwall.catalog.CatalogService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.event.EventListener;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/** The public status page (no sign-in): {@code /status} for people, {@code /status.json} for machines. */
@Controller
class StatusPageController {

    private final IncidentService incidents;
    private final CatalogService catalog;
    private final Clock clock;
    private final JsonMapper json;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    private static final long CACHE_MILLIS = 2_000;

    private record Cached(StatusPage page, long builtAt) {}

    StatusPageController(IncidentService incidents, CatalogService catalog, Clock clock, JsonMapper json) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/status")
    String page(Model model) {
        model.addAttribute("page", build());
        return "incidents/status";
    }

    @GetMapping(value = "/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> json() {
        // <, > and & only occur inside JSON strings; escaping them keeps the document safe to embed in a page.
        String body = json.writeValueAsString(build())
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(15)).cachePublic())
                .header("Access-Control-Allow-Origin", "*")
                .body(body);
    }

    /**
     * The page, rebuilt at most every few seconds: it is public, so a flood of anonymous requests
     * must not turn into a flood of queries.
     */
    StatusPage build() {
        Cached cached = cache.get();
        long now = clock.millis();
        if (cached != null && now - cached.builtAt() < CACHE_MILLIS) {
            return cached.page();
        }
        StatusPage page = fresh();
        cache.set(new Cached(page, now));
        return page;
    }

    /** A change to an incident shows at once; the cache only absorbs repeated requests in between. */
    @EventListener
    void on(IncidentChanged event) {
        cache.set(null);
    }

    private StatusPage fresh() {
        Instant now = clock.instant();
        List<IncidentView> recent = incidents.openOrResolvedSince(now.minus(Duration.ofDays(StatusPage.HISTORY_DAYS)));
        return StatusPage.build(
                catalog.all().stream().map(CatalogEntry::name).toList(),
                recent,
                incidents.publicUpdates(recent.stream().map(IncidentView::id).toList()),
                now);
    }
}
