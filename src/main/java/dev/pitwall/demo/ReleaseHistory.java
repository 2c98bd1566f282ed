package dev.pitwall.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The proposals app's source history: release 2.13.0, and the five commits of 2.14.0, one of which
 * changes the line-items mapping. Written as a real git repository in the demo's data directory,
 * so the night's deploy is recorded the way a pipeline records it ({@code pitwall change record
 * --from-git} in the checkout). Without git on the machine the same commits are sent through the
 * API instead, with SHAs derived from their content.
 */
final class ReleaseHistory {

    /** A commit of the story; {@code ago} is how long before the demo it was made. */
    record Commit(String message, String author, Duration ago, Map<String, String> files) {}

    /** A commit as recorded: its SHA and time. */
    record RecordedCommit(String sha, String message, String author, Instant time, List<String> files) {}

    /** What a release ships: its commits (oldest first), the paths they touched, and the SHA deployed. */
    record Release(String version, List<RecordedCommit> commits, List<String> files, String headSha) {}

    static final String PACKAGE = "src/main/java/com/example/proposals/";
    static final String MAPPER = PACKAGE + "LineItemMapper.java";
    static final String MAPPING_COMMIT = "Map line items from the new proposals schema";

    private final Path directory;
    private final boolean inGit;
    private final Release good;
    private final Release broken;

    private ReleaseHistory(Path directory, boolean inGit, Release good, Release broken) {
        this.directory = directory;
        this.inGit = inGit;
        this.good = good;
        this.broken = broken;
    }

    /** The history of 2.13.0 and 2.14.0, made relative to {@code now} (commit times are part of the time-lapse). */
    static ReleaseHistory write(Path directory, Instant now) {
        try {
            Files.createDirectories(directory);
            Git git = new Git(directory);
            git.run(Map.of(), "-c", "init.defaultBranch=main", "init", "--quiet");
            Release good = git.release(ProposalsApp.GOOD_RELEASE, goodCommits(), now);
            Release broken = git.release(ProposalsApp.BROKEN_RELEASE, brokenCommits(), now);
            return new ReleaseHistory(directory, true, good, broken);
        } catch (IOException | GitFailed e) {
            return new ReleaseHistory(
                    directory,
                    false,
                    derived(ProposalsApp.GOOD_RELEASE, goodCommits(), now),
                    derived(ProposalsApp.BROKEN_RELEASE, brokenCommits(), now));
        }
    }

    boolean inGit() {
        return inGit;
    }

    Path directory() {
        return directory;
    }

    Release good() {
        return good;
    }

    Release broken() {
        return broken;
    }

    private static List<Commit> goodCommits() {
        return List.of(
                new Commit(
                        "Proposals: members, proposals and their line items",
                        "Priya Raman <priya@proposals.example>",
                        Duration.ofHours(52),
                        Map.of(
                                "pom.xml",
                                pom("2.18.1"),
                                PACKAGE + "ProposalsApplication.java",
                                java("ProposalsApplication", "// the app"),
                                PACKAGE + "ProposalController.java",
                                java("ProposalController", "// members' pages"),
                                MAPPER,
                                mapper("line_items"))),
                new Commit(
                        "Show proposal totals with tax",
                        "Tomás Ferreira <tomas@proposals.example>",
                        Duration.ofHours(29),
                        Map.of(PACKAGE + "Totals.java", java("Totals", "// sums with tax"))));
    }

    private static List<Commit> brokenCommits() {
        return List.of(
                new Commit(
                        "Add a reader for the proposals schema v2",
                        "Priya Raman <priya@proposals.example>",
                        Duration.ofHours(7),
                        Map.of(PACKAGE + "schema/ProposalsSchemaV2.java", java("ProposalsSchemaV2", "// v2 rows"))),
                new Commit(
                        MAPPING_COMMIT,
                        "Priya Raman <priya@proposals.example>",
                        Duration.ofMinutes(385),
                        Map.of(MAPPER, mapper("items"))),
                new Commit(
                        "Show the proposal owner's avatar in the header",
                        "Tomás Ferreira <tomas@proposals.example>",
                        Duration.ofHours(5),
                        Map.of(
                                "src/main/resources/templates/header.html",
                                "<header><img class=\"avatar\"></header>\n")),
                new Commit(
                        "Bump jackson-databind to 2.18.2",
                        "Renovate Bot <bot@renovate.example>",
                        Duration.ofMinutes(200),
                        Map.of("pom.xml", pom("2.18.2"))),
                new Commit(
                        "Translate the proposal status labels to German",
                        "Lena Vogt <lena@proposals.example>",
                        Duration.ofMinutes(95),
                        Map.of(
                                "src/main/resources/messages_de.properties",
                                "status.draft=Entwurf\nstatus.sent=Gesendet\n")));
    }

    private static String java(String type, String body) {
        return "package com.example.proposals;\n\nclass " + type + " {\n    " + body + "\n}\n";
    }

    private static String mapper(String key) {
        return """
                package com.example.proposals;

                import java.util.List;
                import java.util.Map;

                /** Turns a stored proposal row into the line items members see. */
                class LineItemMapper {

                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> lineItems(Map<String, Object> proposalRow) {
                        Object items = proposalRow.get("KEY");
                        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
                    }
                }
                """.replace("KEY", key);
    }

    private static String pom(String jackson) {
        return "<project>\n  <artifactId>proposals-app</artifactId>\n  <jackson.version>" + jackson
                + "</jackson.version>\n</project>\n";
    }

    private static Release derived(String version, List<Commit> commits, Instant now) {
        List<RecordedCommit> recorded = new ArrayList<>();
        LinkedHashSet<String> files = new LinkedHashSet<>();
        for (Commit commit : commits) {
            Instant time = now.minus(commit.ago()).truncatedTo(ChronoUnit.SECONDS);
            String sha = sha1(version + commit.message() + time);
            recorded.add(new RecordedCommit(
                    sha,
                    commit.message(),
                    commit.author(),
                    time,
                    List.copyOf(commit.files().keySet())));
            files.addAll(commit.files().keySet());
        }
        return new Release(
                version, recorded, List.copyOf(files), recorded.getLast().sha());
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static final class GitFailed extends Exception {
        GitFailed(String message) {
            super(message);
        }
    }

    /** Runs git in the repository with a fixed identity, dates and no user configuration. */
    private record Git(Path directory) {

        Release release(String version, List<Commit> commits, Instant now) throws IOException, GitFailed {
            List<RecordedCommit> recorded = new ArrayList<>();
            LinkedHashSet<String> files = new LinkedHashSet<>();
            for (Commit commit : commits) {
                for (Map.Entry<String, String> file : commit.files().entrySet()) {
                    Path path = directory.resolve(file.getKey());
                    Files.createDirectories(path.getParent() == null ? directory : path.getParent());
                    Files.writeString(path, file.getValue());
                }
                run(Map.of(), "add", "--all");
                Instant time = now.minus(commit.ago()).truncatedTo(ChronoUnit.SECONDS);
                String author = commit.author();
                String name = author.substring(0, author.indexOf('<')).strip();
                String email = author.substring(author.indexOf('<') + 1, author.indexOf('>'));
                run(
                        Map.of(
                                "GIT_AUTHOR_NAME", name,
                                "GIT_AUTHOR_EMAIL", email,
                                "GIT_AUTHOR_DATE", time.toString(),
                                "GIT_COMMITTER_NAME", name,
                                "GIT_COMMITTER_EMAIL", email,
                                "GIT_COMMITTER_DATE", time.toString()),
                        "-c",
                        "commit.gpgsign=false",
                        "commit",
                        "--quiet",
                        "--no-verify",
                        "-m",
                        commit.message());
                String sha = run(Map.of(), "rev-parse", "HEAD").strip();
                recorded.add(new RecordedCommit(
                        sha,
                        commit.message(),
                        author,
                        time,
                        List.copyOf(commit.files().keySet())));
                files.addAll(commit.files().keySet());
            }
            run(Map.of(), "-c", "tag.gpgsign=false", "tag", "v" + version);
            return new Release(
                    version, recorded, List.copyOf(files), recorded.getLast().sha());
        }

        String run(Map<String, String> env, String... args) throws IOException, GitFailed {
            List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            // the user's own git configuration (hooks, signing, templates) has no place in the sample repository
            builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
            builder.environment().put("LC_ALL", "C");
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] stdout = process.getInputStream().readAllBytes();
            byte[] stderr = process.getErrorStream().readAllBytes();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new GitFailed("git " + args[0] + " did not finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitFailed("interrupted");
            }
            if (process.exitValue() != 0) {
                throw new GitFailed(
                        "git " + String.join(" ", args) + ": " + new String(stderr, StandardCharsets.UTF_8));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }
}
