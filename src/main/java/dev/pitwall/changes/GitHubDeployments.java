package dev.pitwall.changes;

import dev.pitwall.system.Actor;
import dev.pitwall.system.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Turns GitHub's {@code deployment} and {@code deployment_status} webhooks into changes. A
 * deployment starts a change in progress; a status of {@code success} finishes it, {@code failure}
 * or {@code error} fails it (a status that arrives first records the change at once). The change's
 * service is the deployment payload's {@code service} or the repository's name; its version the
 * payload's {@code version}, else the ref unless that is the default branch, else the short SHA.
 */
@Component
class GitHubDeployments {

    static final Actor GITHUB = new Actor(Actor.Kind.SYSTEM, "github", "GitHub webhook");

    /** What a delivery did, for the reply. */
    record Outcome(String result, RecordedChange change) {}

    private final ChangeRepository repository;
    private final ChangeService changes;
    private final Clock clock;

    GitHubDeployments(ChangeRepository repository, ChangeService changes, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.clock = clock;
    }

    /** Handles one delivery in one transaction: a replayed delivery id changes nothing. */
    @Transactional
    public Outcome handle(String deliveryId, String event, JsonNode payload) {
        if (!repository.firstDelivery(GitHubIntegration.NAME, deliveryId, clock.instant())) {
            return new Outcome("duplicate", null);
        }
        JsonNode deployment = payload.path("deployment");
        if (!deployment.isObject()) {
            throw new InvalidInputException("deployment", "The " + event + " event carries no deployment object");
        }
        if (event.equals("deployment")) {
            ChangeService.Recorded recorded = changes.record(
                    change(payload, ChangeStatus.IN_PROGRESS, null, List.of()), ChangeSource.GITHUB, GITHUB);
            return new Outcome(recorded.created() ? "created" : "known", recorded.change());
        }
        JsonNode status = payload.path("deployment_status");
        String state = text(status, "state").orElse("").toLowerCase(Locale.ROOT);
        ChangeStatus target = switch (state) {
            case "success" -> ChangeStatus.SUCCEEDED;
            case "failure", "error" -> ChangeStatus.FAILED;
            case "queued", "pending", "in_progress", "waiting" -> ChangeStatus.IN_PROGRESS;
            default -> null;
        };
        if (target == null) {
            // "inactive" marks an older deployment superseded by a newer one: nothing changed
            return new Outcome("ignored state '" + state + "'", null);
        }
        Instant at = time(status, "created_at", "deployment_status.created_at").orElse(clock.instant());
        List<Link> statusLinks = statusLinks(status);
        String externalId = externalId(payload);
        Optional<Long> known = repository.idOf(ChangeSource.GITHUB, externalId);
        if (known.isEmpty()) {
            NewChange change = change(payload, target, target == ChangeStatus.IN_PROGRESS ? null : at, statusLinks);
            ChangeService.Recorded recorded = changes.record(change, ChangeSource.GITHUB, GITHUB);
            return new Outcome("created", recorded.change());
        }
        RecordedChange current = repository.find(known.get()).orElseThrow();
        if (target == ChangeStatus.IN_PROGRESS || current.status() == target) {
            return new Outcome("unchanged", current);
        }
        List<Link> links = new ArrayList<>(current.links());
        statusLinks.stream().filter(l -> !links.contains(l)).forEach(links::add);
        RecordedChange updated = changes.update(
                current.id(),
                new ChangeUpdate(
                        target, at.isBefore(current.startedAt()) ? current.startedAt() : at, null, null, links),
                GITHUB);
        return new Outcome("updated", updated);
    }

    private NewChange change(JsonNode payload, ChangeStatus status, Instant finishedAt, List<Link> extraLinks) {
        JsonNode deployment = payload.path("deployment");
        JsonNode repository = payload.path("repository");
        JsonNode custom = deployment.path("payload");
        String sha = text(deployment, "sha").orElse(null);
        String ref = text(deployment, "ref").orElse(null);
        String defaultBranch = text(repository, "default_branch").orElse(null);
        String version = text(custom, "version")
                .orElse(
                        ref != null && !ref.equals(defaultBranch) && !ref.equals(sha)
                                ? ref
                                : sha == null ? null : sha.substring(0, Math.min(12, sha.length())));
        String service = text(custom, "service")
                .or(() -> text(repository, "name"))
                .orElseThrow(() -> new InvalidInputException(
                        "repository.name", "The event names no repository to take as service"));
        ChangeKind kind = text(custom, "kind")
                .map(k -> ChangeFields.kind("deployment.payload.kind", k))
                .orElse(
                        text(deployment, "task").orElse("deploy").contains("migrat")
                                ? ChangeKind.MIGRATION
                                : ChangeKind.DEPLOY);
        List<Link> links = new ArrayList<>();
        text(repository, "html_url").ifPresent(url -> {
            if (sha != null) {
                links.add(new Link(url + "/commit/" + sha, "commit " + sha.substring(0, Math.min(7, sha.length()))));
            }
        });
        links.addAll(extraLinks);
        Instant started =
                time(deployment, "created_at", "deployment.created_at").orElse(clock.instant());
        return new NewChange(
                externalId(payload),
                service,
                text(deployment, "environment").orElse(null),
                kind,
                version,
                null,
                sha,
                List.of(),
                List.of(),
                text(deployment.path("creator"), "login").orElse(null),
                text(deployment, "description").orElse(null),
                links,
                started,
                finishedAt == null || !finishedAt.isBefore(started) ? finishedAt : started,
                status);
    }

    private static List<Link> statusLinks(JsonNode status) {
        List<Link> links = new ArrayList<>();
        text(status, "log_url")
                .or(() -> text(status, "target_url"))
                .ifPresent(url -> links.add(new Link(url, "deployment log")));
        text(status, "environment_url").ifPresent(url -> links.add(new Link(url, "environment")));
        return links.stream().filter(GitHubDeployments::isHttp).toList();
    }

    private static boolean isHttp(Link link) {
        return link.href().startsWith("https://") || link.href().startsWith("http://");
    }

    private static String externalId(JsonNode payload) {
        String repository = text(payload.path("repository"), "full_name").orElse("unknown");
        JsonNode id = payload.path("deployment").path("id");
        if (!id.isNumber() && !id.isString()) {
            throw new InvalidInputException("deployment.id", "The deployment has no id");
        }
        return repository + "/deployments/" + id.asString();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isString() && !value.asString().isBlank()) {
            return Optional.of(value.asString());
        }
        return Optional.empty();
    }

    private static Optional<Instant> time(JsonNode node, String field, String path) {
        return text(node, field).map(t -> ChangeFields.time(path, t));
    }
}
