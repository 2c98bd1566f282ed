package dev.pitwall.incidents;

import dev.pitwall.catalog.CatalogEntry;
import dev.pitwall.catalog.CatalogService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public status page (no sign-in): {@code /status} for people, {@code /status.json} for machines. */
@Controller
class StatusPageController {

    private final IncidentService incidents;
    private final CatalogService catalog;
    private final Clock clock;

    StatusPageController(IncidentService incidents, CatalogService catalog, Clock clock) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/status")
    String page(Model model) {
        model.addAttribute("page", build());
        return "incidents/status";
    }

    @GetMapping(value = "/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StatusPage> json() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(15)).cachePublic())
                .header("Access-Control-Allow-Origin", "*")
                .body(build());
    }

    @Transactional(readOnly = true)
    StatusPage build() {
        Instant now = clock.instant();
        List<IncidentView> recent = incidents.openOrResolvedSince(now.minus(Duration.ofDays(StatusPage.HISTORY_DAYS)));
        return StatusPage.build(
                catalog.all().stream().map(CatalogEntry::name).toList(),
                recent,
                incidents.publicUpdates(recent.stream().map(IncidentView::id).toList()),
                now);
    }
}
