package dev.pitwall.catalog;

import java.time.Duration;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/services")
class CatalogApiController {

    /** The API's view of a service: the rollback hook's secret is never shown, only whether it is set. */
    record ServiceRequest(
            String ownerTeam,
            Integer tier,
            String description,
            String runbookUrl,
            Long verificationWindowSeconds,
            List<String> dependsOn,
            String rollbackHookUrl,
            String rollbackHookSecret) {

        ServiceDescription toDescription() {
            return new ServiceDescription(
                    ownerTeam,
                    tier,
                    description,
                    runbookUrl,
                    verificationWindowSeconds == null ? null : Duration.ofSeconds(verificationWindowSeconds),
                    dependsOn,
                    rollbackHookUrl,
                    rollbackHookSecret);
        }
    }

    private final CatalogService catalog;

    CatalogApiController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_read')")
    List<CatalogEntry> services() {
        return catalog.all();
    }

    @GetMapping("/{name}")
    @PreAuthorize("hasAuthority('SCOPE_read')")
    CatalogEntry service(@PathVariable String name) {
        return catalog.get(name);
    }

    /** Describes a service, creating it when new. Fields left out keep their value. */
    @PutMapping("/{name}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    CatalogEntry describe(@PathVariable String name, @RequestBody ServiceRequest request) {
        return catalog.describe(name, request.toDescription(), "api");
    }
}
