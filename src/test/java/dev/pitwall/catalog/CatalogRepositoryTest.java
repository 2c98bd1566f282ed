package dev.pitwall.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.DatabaseContractTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogRepositoryTest extends DatabaseContractTest {

    private static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
    private CatalogRepository repository;

    @BeforeEach
    void createRepository() {
        repository = new CatalogRepository(jdbc);
    }

    @Test
    void servicesAppearOnFirstSightOnceRegardlessOfCase() {
        CatalogEntry first = repository.ensure("proposals-app", NOW);
        CatalogEntry again = repository.ensure("Proposals-App", NOW.plusSeconds(5));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.name()).isEqualTo("proposals-app");
        assertThat(again.source()).isEqualTo("auto");
        assertThat(again.verificationWindow()).isEqualTo(CatalogEntry.DEFAULT_VERIFICATION_WINDOW);
        assertThat(repository.all()).hasSize(1);
    }

    @Test
    void describesAServiceAndKeepsFieldsNotMentioned() {
        CatalogEntry service = repository.ensure("billing", NOW);
        repository.describe(
                service.id(),
                new ServiceDescription(
                        "team-billing", 1, "Invoices", "https://wiki/billing", Duration.ofMinutes(5), null, null, null),
                null,
                "ui",
                NOW.plusSeconds(1));

        repository.describe(
                service.id(),
                new ServiceDescription(null, 2, null, "", null, null, null, null),
                null,
                "api",
                NOW.plusSeconds(2));

        CatalogEntry described = repository.find("billing").orElseThrow();
        assertThat(described.ownerTeam()).isEqualTo("team-billing");
        assertThat(described.tier()).isEqualTo(2);
        assertThat(described.description()).isEqualTo("Invoices");
        assertThat(described.runbookUrl()).as("an empty string clears").isNull();
        assertThat(described.verificationWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(described.source()).isEqualTo("api");
        assertThat(described.updatedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void storesDependenciesAsAGraph() {
        CatalogEntry proposals = repository.ensure("proposals-app", NOW);
        CatalogEntry pricing = repository.ensure("pricing-api", NOW);
        CatalogEntry rates = repository.ensure("rates-db", NOW);
        repository.replaceDependencies(proposals.id(), List.of(pricing.id(), pricing.id()));
        repository.replaceDependencies(pricing.id(), List.of(rates.id()));

        assertThat(repository.find("proposals-app").orElseThrow().dependsOn()).containsExactly("pricing-api");
        assertThat(repository.dependencyGraph())
                .containsEntry("proposals-app", Set.of("pricing-api"))
                .containsEntry("pricing-api", Set.of("rates-db"));
        assertThat(repository.all())
                .filteredOn(e -> e.name().equals("pricing-api"))
                .singleElement()
                .satisfies(e -> assertThat(e.dependsOn()).containsExactly("rates-db"));

        repository.replaceDependencies(proposals.id(), List.of());
        assertThat(repository.find("proposals-app").orElseThrow().dependsOn()).isEmpty();
    }

    @Test
    void keepsTheRollbackSecretSealedAndApart() {
        CatalogEntry service = repository.ensure("proposals-app", NOW);
        repository.describe(
                service.id(),
                new ServiceDescription(null, null, null, null, null, null, "https://deploy/rollback", "s3cret"),
                "v1:sealed",
                "api",
                NOW);

        CatalogEntry described = repository.find("proposals-app").orElseThrow();
        assertThat(described.rollbackHookUrl()).isEqualTo("https://deploy/rollback");
        assertThat(described.rollbackHookSecretSet()).isTrue();
        assertThat(described.toString()).doesNotContain("v1:sealed");
        assertThat(repository.sealedRollbackSecret(service.id())).contains("v1:sealed");
    }

    @Test
    void servicesNoLongerDeclaredInConfigAreReleased() {
        CatalogEntry a = repository.ensure("a", NOW);
        CatalogEntry b = repository.ensure("b", NOW);
        repository.describe(a.id(), ServiceDescription.empty(), null, "config", NOW);
        repository.describe(b.id(), ServiceDescription.empty(), null, "config", NOW);

        repository.releaseFromConfig(Set.of(a.id()));

        assertThat(repository.find("a").orElseThrow().source()).isEqualTo("config");
        assertThat(repository.find("b").orElseThrow().source()).isEqualTo("ui");
    }
}
