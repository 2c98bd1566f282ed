package dev.pitwall.changes;

import dev.pitwall.system.InvalidInputException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A change as a sender describes it, checked against the limits every way in shares: names and
 * versions up to 200 characters, at most 10,000 commits and 10,000 files, links that are http(s)
 * URLs, an end not before the start, and no end while in progress. Each refusal names the field.
 *
 * @param previousVersion null to have it filled from the last successful deploy
 * @param finishedAt null while in progress; for a final status without one, the time it was reported
 */
record NewChange(
        String externalId,
        String service,
        String environment,
        ChangeKind kind,
        String version,
        String previousVersion,
        String commitSha,
        List<Commit> commits,
        List<String> files,
        String author,
        String description,
        List<Link> links,
        Instant startedAt,
        Instant finishedAt,
        ChangeStatus status) {

    static final int MAX_NAME = 200;
    static final int MAX_ITEMS = 10_000;
    static final int MAX_TEXT = 10_000;
    static final int MAX_LINKS = 50;
    static final String DEFAULT_ENVIRONMENT = "production";

    NewChange {
        service = required("service", service);
        environment = blank(environment) ? DEFAULT_ENVIRONMENT : environment.strip();
        checkName("environment", environment);
        if (kind == null) {
            throw new InvalidInputException("kind", "The kind is required: " + ChangeFields.KINDS);
        }
        if (status == null) {
            throw new InvalidInputException("status", "The status is required: " + ChangeFields.STATUSES);
        }
        if (startedAt == null) {
            throw new InvalidInputException("startedAt", "The start time is required");
        }
        version = optionalName("version", version);
        previousVersion = optionalName("previousVersion", previousVersion);
        externalId = optionalName("externalId", externalId);
        commitSha = optionalName("commitSha", commitSha);
        author = optionalName("author", author);
        description = optionalText("description", description);
        commits = commits == null ? List.of() : List.copyOf(commits);
        files = files == null ? List.of() : List.copyOf(files);
        links = links == null ? List.of() : List.copyOf(links);
        if (commits.size() > MAX_ITEMS) {
            throw new InvalidInputException(
                    "commits",
                    "A change lists at most " + MAX_ITEMS + " commits (got " + commits.size()
                            + "); send the newest ones and the count in the description");
        }
        if (files.size() > MAX_ITEMS) {
            throw new InvalidInputException(
                    "files", "A change lists at most " + MAX_ITEMS + " changed files (got " + files.size() + ")");
        }
        for (int i = 0; i < commits.size(); i++) {
            Commit commit = commits.get(i);
            if (commit == null || blank(commit.sha())) {
                throw new InvalidInputException("commits[" + i + "].sha", "Every commit needs its SHA");
            }
            checkName("commits[" + i + "].sha", commit.sha());
            checkName("commits[" + i + "].author", commit.author());
            if (commit.message() != null && commit.message().length() > MAX_TEXT) {
                throw new InvalidInputException(
                        "commits[" + i + "].message", "A commit message has at most " + MAX_TEXT + " characters");
            }
        }
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            if (blank(file) || file.length() > 1000) {
                throw new InvalidInputException("files[" + i + "]", "A file path has 1 to 1000 characters");
            }
        }
        if (links.size() > MAX_LINKS) {
            throw new InvalidInputException("links", "A change has at most " + MAX_LINKS + " links");
        }
        for (int i = 0; i < links.size(); i++) {
            checkLink("links[" + i + "]", links.get(i));
        }
        if (status == ChangeStatus.IN_PROGRESS && finishedAt != null) {
            throw new InvalidInputException(
                    "finishedAt", "A change in progress has no finishedAt; send a final status with it");
        }
        if (finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw new InvalidInputException(
                    "finishedAt", "finishedAt (" + finishedAt + ") is before startedAt (" + startedAt + ")");
        }
    }

    static String required(String field, String value) {
        if (blank(value)) {
            throw new InvalidInputException(field, "The " + field + " is required");
        }
        String trimmed = value.strip();
        checkName(field, trimmed);
        return trimmed;
    }

    static void checkName(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_NAME) {
            throw new InvalidInputException(
                    field, field + " has at most " + MAX_NAME + " characters (got " + value.length() + ")");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " cannot contain control characters");
        }
    }

    private static String optionalName(String field, String value) {
        if (blank(value)) {
            return null;
        }
        String trimmed = value.strip();
        checkName(field, trimmed);
        return trimmed;
    }

    private static String optionalText(String field, String value) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidInputException(
                    field, field + " has at most " + MAX_TEXT + " characters (got " + value.length() + ")");
        }
        return value.strip();
    }

    static void checkLink(String field, Link link) {
        if (link == null || blank(link.href())) {
            throw new InvalidInputException(field + ".href", "A link needs an href");
        }
        if (link.href().length() > 2000) {
            throw new InvalidInputException(field + ".href", "A link has at most 2000 characters");
        }
        try {
            URI uri = URI.create(link.href().strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + ".href", "'" + link.href() + "' is not an http(s) URL");
        }
        if (link.text() != null && link.text().length() > MAX_NAME) {
            throw new InvalidInputException(field + ".text", "A link's text has at most " + MAX_NAME + " characters");
        }
    }

    NewChange withService(String canonical) {
        return new NewChange(
                externalId,
                canonical,
                environment,
                kind,
                version,
                previousVersion,
                commitSha,
                commits,
                files,
                author,
                description,
                links,
                startedAt,
                finishedAt,
                status);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
