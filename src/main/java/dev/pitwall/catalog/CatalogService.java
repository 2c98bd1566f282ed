package dev.pitwall.catalog;

import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import dev.pitwall.system.SecretBox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The catalog of services: every module names services through it. */
@Component
public class CatalogService {

    public static final int MAX_NAME = 200;
    private static final Duration MIN_WINDOW = Duration.ofSeconds(10);
    private static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final long GRAPH_TTL_MILLIS = 5_000;

    private final CatalogRepository repository;
    private final SecretBox secrets;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CachedGraph> graph = new AtomicReference<>();

    private record CachedGraph(ServiceGraph graph, long loadedAt) {}

    CatalogService(CatalogRepository repository, SecretBox secrets, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Makes sure the service exists, creating it on first sight. Cheap when it already exists,
     * because intake paths call it for every event that names a service.
     *
     * @return the name as the catalog spells it
     */
    @Transactional
    public String ensure(String name) {
        String checked = checkName("service", name);
        if (known.contains(checked.toLowerCase())) {
            return checked;
        }
        CatalogEntry entry = repository.ensure(checked, clock.instant());
        String key = entry.name().toLowerCase();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // only once the row is committed: a rolled-back caller must not leave a name that is not stored
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    known.add(key);
                }
            });
        } else {
            known.add(key);
        }
        return entry.name();
    }

    @Transactional(readOnly = true)
    public Optional<CatalogEntry> find(String name) {
        return name == null || name.isBlank() ? Optional.empty() : repository.find(name.trim());
    }

    @Transactional(readOnly = true)
    public CatalogEntry get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("No service named '" + name + "' in the catalog"));
    }

    @Transactional(readOnly = true)
    public List<CatalogEntry> all() {
        return repository.all();
    }

    /** Updates what is said about a service, creating it (and the services it names) if needed. */
    @Transactional
    public CatalogEntry describe(String name, ServiceDescription description, String source) {
        validate(description);
        CatalogEntry entry = repository.ensure(checkName("service", name), clock.instant());
        String sealed = description.rollbackHookSecret() == null
                        || description.rollbackHookSecret().isEmpty()
                ? null
                : secrets.seal(description.rollbackHookSecret());
        repository.describe(entry.id(), description, sealed, source, clock.instant());
        if (description.dependsOn() != null) {
            List<Long> targets = new ArrayList<>();
            for (String dependency : description.dependsOn()) {
                CatalogEntry target = repository.ensure(checkName("dependsOn", dependency), clock.instant());
                if (target.id() == entry.id()) {
                    throw new InvalidInputException("dependsOn", "A service cannot depend on itself");
                }
                targets.add(target.id());
            }
            repository.replaceDependencies(entry.id(), targets);
            graph.set(null);
        }
        return repository.find(entry.name()).orElseThrow();
    }

    /** The dependency graph, at most a few seconds old. */
    @Transactional(readOnly = true)
    public ServiceGraph graph() {
        CachedGraph cached = graph.get();
        long now = clock.millis();
        if (cached != null && now - cached.loadedAt() < GRAPH_TTL_MILLIS) {
            return cached.graph();
        }
        ServiceGraph fresh = new ServiceGraph(repository.dependencyGraph());
        graph.set(new CachedGraph(fresh, now));
        return fresh;
    }

    /** The rollback hook of a service, with its decrypted secret, when one is configured. */
    @Transactional(readOnly = true)
    public Optional<RollbackHook> rollbackHook(String name) {
        return find(name)
                .filter(e -> e.rollbackHookUrl() != null)
                .map(e -> new RollbackHook(
                        e.rollbackHookUrl(),
                        repository
                                .sealedRollbackSecret(e.id())
                                .map(secrets::open)
                                .orElse(null)));
    }

    @Transactional
    void releaseFromConfig(Set<Long> stillDeclared) {
        repository.releaseFromConfig(stillDeclared);
    }

    static String checkName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, "A service name is required");
        }
        String trimmed = name.trim();
        if (trimmed.length() > MAX_NAME) {
            throw new InvalidInputException(
                    field, "A service name has at most " + MAX_NAME + " characters (got " + trimmed.length() + ")");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "A service name cannot contain control characters");
        }
        return trimmed;
    }

    private static void validate(ServiceDescription d) {
        if (d.tier() != null && (d.tier() < 1 || d.tier() > 4)) {
            throw new InvalidInputException("tier", "The tier is 1 (most critical) to 4, not " + d.tier());
        }
        if (d.verificationWindow() != null
                && (d.verificationWindow().compareTo(MIN_WINDOW) < 0
                        || d.verificationWindow().compareTo(MAX_WINDOW) > 0)) {
            throw new InvalidInputException(
                    "verificationWindow", "The verification window is between 10 seconds and 24 hours");
        }
        checkUrl("runbookUrl", d.runbookUrl());
        checkUrl("rollbackHookUrl", d.rollbackHookUrl());
        checkLength("ownerTeam", d.ownerTeam(), 200);
        checkLength("description", d.description(), 10_000);
        if (d.dependsOn() != null && d.dependsOn().size() > 500) {
            throw new InvalidInputException("dependsOn", "A service can name at most 500 dependencies");
        }
    }

    private static void checkUrl(String field, String url) {
        if (url == null || url.isBlank()) {
            return;
        }
        try {
            URI uri = URI.create(url.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + url + "' is not an http(s) URL");
        }
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, field + " has at most " + max + " characters");
        }
    }
}
