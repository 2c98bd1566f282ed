package dev.pitwall.checks;

import dev.pitwall.catalog.CatalogService;
import dev.pitwall.system.Actor;
import dev.pitwall.system.ConfigErrors;
import dev.pitwall.system.ConflictException;
import dev.pitwall.system.CurrentActor;
import dev.pitwall.system.DurableEvents;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import dev.pitwall.system.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Checks as people and other modules manage them: create, change, pause, delete, run now, try a
 * definition without saving it, and read results. Checks declared in pitwall.yaml can only be
 * changed in the file.
 */
@Service
public class CheckService {

    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");
    private static final int MAX_SECRET = 8 * 1024;

    private final CheckRepository checks;
    private final ResultRepository results;
    private final CheckDirectory directory;
    private final CheckScheduler scheduler;
    private final CheckRunner runner;
    private final CatalogService catalog;
    private final DurableEvents events;
    private final SecretBox box;
    private final CheckSecrets secrets;
    private final ChecksProperties properties;
    private final Clock clock;

    CheckService(
            CheckRepository checks,
            ResultRepository results,
            CheckDirectory directory,
            CheckScheduler scheduler,
            CheckRunner runner,
            CatalogService catalog,
            DurableEvents events,
            SecretBox box,
            CheckSecrets secrets,
            ChecksProperties properties,
            Clock clock) {
        this.checks = checks;
        this.results = results;
        this.directory = directory;
        this.scheduler = scheduler;
        this.runner = runner;
        this.catalog = catalog;
        this.events = events;
        this.box = box;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    // --- reading ---

    @Transactional(readOnly = true)
    public List<CheckView> list() {
        Map<Long, CheckState> states = checks.states();
        return checks.all().stream()
                .map(c -> CheckView.of(c, states.get(c.id())))
                .toList();
    }

    /** A check by id, or by name when {@code ref} is not a number. */
    @Transactional(readOnly = true)
    public CheckView get(String ref) {
        StoredCheck stored = find(ref);
        return CheckView.of(stored, checks.state(stored.id()).orElse(null));
    }

    StoredCheck find(String ref) {
        String trimmed = ref == null ? "" : ref.trim();
        Optional<StoredCheck> found =
                trimmed.matches("\\d{1,18}") ? checks.find(Long.parseLong(trimmed)) : checks.findByName(trimmed);
        return found.orElseThrow(() -> new NotFoundException("No check '" + trimmed + "'"));
    }

    @Transactional(readOnly = true)
    List<CheckResult> results(String ref, int limit, Long beforeId, boolean failedOnly) {
        return results.recent(find(ref).id(), Math.max(1, Math.min(limit, 500)), beforeId, failedOnly);
    }

    @Transactional(readOnly = true)
    CheckResult result(String ref, long resultId) {
        long id = find(ref).id();
        return results.find(id, resultId)
                .orElseThrow(() -> new NotFoundException("No result " + resultId + " of check " + ref));
    }

    @Transactional(readOnly = true)
    ResultRepository.Uptime uptime(String ref, Duration range) {
        Instant now = clock.instant();
        return results.uptime(find(ref).id(), now.minus(range), now, now.minus(properties.rawRetention()));
    }

    /** Latency over a range in at most about 300 points; ranges beyond two days read the hourly aggregates. */
    @Transactional(readOnly = true)
    List<ResultRepository.Point> latency(String ref, Duration range) {
        Instant now = clock.instant();
        boolean hourly = range.compareTo(Duration.ofDays(2)) > 0;
        long bucket = Math.max(hourly ? 3_600_000L : 1000L, range.toMillis() / 300);
        if (hourly) {
            bucket = Math.ceilDiv(bucket, 3_600_000L) * 3_600_000L;
        }
        return results.latency(find(ref).id(), now.minus(range), now, bucket, hourly);
    }

    // --- changing ---

    /** Creates a check from its text (JSON or YAML, the pitwall.yaml format). */
    @Transactional
    public CheckView create(String text, String source) {
        return create(parseOne(text), source);
    }

    @Transactional
    CheckView create(CheckDefinition definition, String source) {
        if (checks.findByName(definition.name()).isPresent()) {
            throw new ConflictException("A check named '" + definition.name() + "' already exists; change it with PUT");
        }
        CheckDefinition check = withCatalogService(definition);
        long id = checks.insert(check, source, null, null, actor(), clock.instant());
        StoredCheck stored = checks.find(id).orElseThrow();
        afterCommit(stored);
        return CheckView.of(stored, null);
    }

    /** Replaces a check's definition; the name may change. */
    @Transactional
    public CheckView replace(String ref, String text, String source) {
        return replace(ref, parseOne(text), source);
    }

    @Transactional
    CheckView replace(String ref, CheckDefinition definition, String source) {
        StoredCheck existing = editable(ref, "change");
        checks.findByName(definition.name())
                .filter(other -> other.id() != existing.id())
                .ifPresent(other -> {
                    throw new ConflictException("Another check is already named '" + definition.name() + "'");
                });
        CheckDefinition check = withCatalogService(definition);
        if (check.paused() && !existing.definition().paused()) {
            resolveIfDown(existing);
        }
        checks.update(existing.id(), check, source, null, null, actor(), clock.instant());
        StoredCheck stored = checks.find(existing.id()).orElseThrow();
        afterCommit(stored);
        return CheckView.of(stored, checks.state(stored.id()).orElse(null));
    }

    @Transactional
    public CheckView pause(String ref, boolean paused) {
        StoredCheck existing = editable(ref, paused ? "pause" : "resume");
        if (existing.definition().paused() == paused) {
            return CheckView.of(existing, checks.state(existing.id()).orElse(null));
        }
        if (paused) {
            resolveIfDown(existing);
        }
        checks.update(
                existing.id(),
                existing.definition().withPaused(paused),
                existing.source(),
                null,
                null,
                actor(),
                clock.instant());
        StoredCheck stored = checks.find(existing.id()).orElseThrow();
        afterCommit(stored);
        return CheckView.of(stored, checks.state(stored.id()).orElse(null));
    }

    @Transactional
    public void delete(String ref) {
        StoredCheck existing = editable(ref, "delete");
        resolveIfDown(existing);
        checks.delete(existing.id());
        afterCommit(null);
    }

    /**
     * A paused or deleted check reports nothing more, so an open failure would stay open forever:
     * it is resolved (CheckRecovered) as the check stops.
     */
    private void resolveIfDown(StoredCheck check) {
        checks.state(check.id()).filter(s -> s.status() == CheckStatus.DOWN).ifPresent(s -> {
            CheckDefinition d = check.definition();
            events.publish(new CheckRecovered(check.id(), d.name(), d.service(), d.environment(), clock.instant()));
            checks.saveStates(Map.of(check.id(), CheckState.initial()));
        });
    }

    private StoredCheck editable(String ref, String what) {
        StoredCheck existing = find(ref);
        if (existing.fromConfig()) {
            throw new ConflictException("Check '" + existing.definition().name() + "' is declared in "
                    + existing.configFile()
                    + (existing.configLine() == null ? "" : " (line " + existing.configLine() + ")")
                    + "; " + what + " it there and reload (SIGHUP or POST /api/v1/config/reload)");
        }
        return existing;
    }

    /** Makes pitwall.yaml's checks current: adds, updates and removes the checks the file declares. */
    @Transactional
    void applyConfig(List<ChecksConfigSection.Declared> declared) {
        Map<String, Long> before = checks.configChecks();
        Set<Long> kept = new HashSet<>();
        Instant now = clock.instant();
        boolean changed = false;
        for (ChecksConfigSection.Declared d : declared) {
            CheckDefinition check = withCatalogService(d.definition());
            Optional<StoredCheck> existing = checks.findByName(check.name());
            if (existing.isPresent()) {
                kept.add(existing.get().id());
                if (!checks.same(existing.get(), check, StoredCheck.CONFIG, d.file(), d.line())) {
                    if (check.paused() && !existing.get().definition().paused()) {
                        resolveIfDown(existing.get());
                    }
                    checks.update(
                            existing.get().id(), check, StoredCheck.CONFIG, d.file(), d.line(), "pitwall.yaml", now);
                    changed = true;
                }
            } else {
                kept.add(checks.insert(check, StoredCheck.CONFIG, d.file(), d.line(), "pitwall.yaml", now));
                changed = true;
            }
        }
        for (Long id : before.values()) {
            if (!kept.contains(id)) {
                checks.find(id).ifPresent(this::resolveIfDown);
                checks.delete(id);
                changed = true;
            }
        }
        if (changed) {
            afterCommit(null);
        }
    }

    private CheckDefinition withCatalogService(CheckDefinition d) {
        String service = catalog.ensure(d.service());
        return new CheckDefinition(
                d.name(),
                d.description(),
                service,
                d.environment(),
                d.interval(),
                d.critical(),
                d.failAfter(),
                d.recoverAfter(),
                d.paused(),
                d.steps());
    }

    private void afterCommit(StoredCheck changed) {
        Runnable refresh = () -> {
            directory.refresh();
            if (changed != null) {
                StoredCheck current = directory.get(changed.id());
                if (current != null) {
                    scheduler.changed(current);
                }
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    refresh.run();
                }
            });
        } else {
            refresh.run();
        }
    }

    static CheckDefinition parseOne(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(
                    null,
                    "The body must be a check definition (JSON or YAML) with name, service"
                            + " and steps; see docs/checks.md");
        }
        ConfigErrors errors = new ConfigErrors();
        List<CheckDefinition> parsed = CheckFormat.parseText("request body", text, errors);
        if (!errors.isEmpty()) {
            throw new CheckDefinitionException(errors.all());
        }
        if (parsed.size() != 1) {
            throw new InvalidInputException(null, "Send one check at a time (found " + parsed.size() + ")");
        }
        return parsed.getFirst();
    }

    // --- running ---

    /** Runs a stored check now and returns its stored result (with response excerpts). */
    public CheckResult runNow(String ref) {
        StoredCheck check = find(ref);
        return await(
                runner.submit(check.id(), check.definition(), "manual", null, null, null, true, true),
                check.definition());
    }

    /** Runs a definition without saving it or its result: to try a check while writing it. */
    public CheckResult trial(String text) {
        CheckDefinition check = parseOne(text);
        return await(runner.submit(null, check, "trial", null, null, null, true, false), check);
    }

    CheckResult trial(CheckDefinition check) {
        return await(runner.submit(null, check, "trial", null, null, null, true, false), check);
    }

    private static CheckResult await(java.util.concurrent.CompletableFuture<CheckResult> run, CheckDefinition check) {
        long budget = check.steps().stream()
                        .mapToLong(s -> s.timeout().toMillis() + 1000)
                        .sum()
                + 15_000;
        try {
            return run.get(budget, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running check '" + check.name() + "'");
        } catch (CancellationException e) {
            throw new ConflictException("Check '" + check.name() + "' could not run now: it is running already or"
                    + " too many runs are waiting; try again in a moment");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Check '" + check.name() + "' did not finish: " + e.getMessage(), e);
        }
    }

    // --- secrets ---

    /** A stored secret's name and when it was set; values are never shown. */
    public record SecretView(String name, Instant updatedAt, String updatedBy) {}

    @Transactional(readOnly = true)
    public List<SecretView> secrets() {
        return checks.secrets().stream()
                .map(s -> new SecretView(s.name(), s.updatedAt(), s.updatedBy()))
                .sorted(Comparator.comparing(SecretView::name))
                .toList();
    }

    @Transactional
    public void putSecret(String name, String value) {
        String checked = secretName(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("value", "The secret's value is empty");
        }
        if (value.length() > MAX_SECRET) {
            throw new InvalidInputException("value", "A secret has at most " + MAX_SECRET + " characters");
        }
        checks.putSecret(checked, box.seal(value), actor(), clock.instant());
        afterCommit(null);
    }

    @Transactional
    public void deleteSecret(String name) {
        if (!checks.deleteSecret(secretName(name))) {
            throw new NotFoundException("No stored secret named '" + name + "'");
        }
        afterCommit(null);
    }

    /** Secret names the checks use that neither the store nor the environment provides. */
    @Transactional(readOnly = true)
    public List<String> missingSecrets() {
        Set<String> missing = new java.util.TreeSet<>();
        for (StoredCheck check : directory.all()) {
            for (StepDefinition step : check.definition().steps()) {
                for (String text : templates(step)) {
                    for (Template.Part part : Template.parse(text).parts()) {
                        if (part instanceof Template.Secret s
                                && secrets.lookup(s.name()).isEmpty()) {
                            missing.add(s.name());
                        }
                    }
                }
            }
        }
        return new ArrayList<>(missing);
    }

    private static List<String> templates(StepDefinition step) {
        if (step instanceof HttpStep h) {
            List<String> texts = new ArrayList<>(h.headers().values());
            texts.add(h.url());
            if (h.body() != null) {
                texts.add(h.body());
            }
            return texts;
        }
        return List.of();
    }

    private static String secretName(String name) {
        if (name == null || !SECRET_NAME.matcher(name.trim()).matches()) {
            throw new InvalidInputException(
                    "name",
                    "A secret name is letters, digits, _ and -, starting with a letter or"
                            + " _, at most 100 characters (as in ${secret:PROPOSALS_TOKEN})");
        }
        return name.trim();
    }

    private static String actor() {
        Actor actor = CurrentActor.get();
        return actor.display();
    }
}
