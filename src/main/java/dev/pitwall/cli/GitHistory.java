package dev.pitwall.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads a commit range from a local git repository by running {@code git}: the commits (SHA,
 * author, time, message) and the paths they changed, at most 10,000 of each (the server's limit).
 */
final class GitHistory {

    static final int MAX_ITEMS = 10_000;
    private static final String FIELD = "\u001f";
    private static final String RECORD = "\u001e";

    /** A commit as the API takes it; {@code time} is RFC 3339. */
    record GitCommit(String sha, String message, String author, String time) {}

    /** What {@code --from-git} found. {@code base} is null when the whole history up to HEAD was not read. */
    record Range(String head, String base, List<GitCommit> commits, List<String> files, String describe) {}

    /** git failed or is missing; the message says why. */
    static final class GitException extends Exception {
        GitException(String message) {
            super(message);
        }
    }

    private final Path directory;

    GitHistory(Path directory) {
        this.directory = directory;
    }

    /**
     * The commits after {@code base} up to HEAD; with no usable base only HEAD itself, because the
     * whole history would say nothing about this deploy.
     */
    Range since(String base) throws GitException {
        String head = git("rev-parse", "HEAD").strip();
        String usableBase = base != null && exists(base) ? base : null;
        String range = usableBase == null ? head : usableBase + ".." + head;
        List<GitCommit> commits = new ArrayList<>();
        List<String> logArgs = new ArrayList<>(List.of(
                "log",
                "--max-count=" + MAX_ITEMS,
                "--format=%H" + FIELD + "%an <%ae>" + FIELD + "%aI" + FIELD + "%B" + RECORD));
        if (usableBase == null) {
            logArgs.add("-1");
        }
        logArgs.add(range);
        for (String entry : git(logArgs.toArray(String[]::new)).split(RECORD)) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split(FIELD, 4);
            if (parts.length == 4) {
                commits.add(new GitCommit(parts[0].strip(), parts[3].strip(), parts[1].strip(), parts[2].strip()));
            }
        }
        String names = usableBase == null
                ? git("show", "--name-only", "--format=", head)
                : git("diff", "--name-only", usableBase, head);
        Set<String> files = new LinkedHashSet<>();
        for (String line : names.split("\n")) {
            if (!line.isBlank() && files.size() < MAX_ITEMS) {
                files.add(line.strip());
            }
        }
        String describe = git("describe", "--tags", "--always").strip();
        return new Range(head, usableBase, commits, List.copyOf(files), describe);
    }

    boolean exists(String ref) {
        try {
            git("cat-file", "-e", ref + "^{commit}");
            return true;
        } catch (GitException e) {
            return false;
        }
    }

    String git(String... args) throws GitException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-C");
        command.add(directory.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        // the output is parsed: keep git's messages and dates in a fixed form
        Map<String, String> env = builder.environment();
        env.put("LC_ALL", "C");
        env.put("GIT_PAGER", "cat");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            var stdout = process.getInputStream().readAllBytes();
            var stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new GitException("git " + args[0] + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new GitException("git " + String.join(" ", args) + " failed: "
                        + new String(stderr, StandardCharsets.UTF_8).strip());
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GitException("cannot run git (is it installed and on the PATH?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git");
        }
    }
}
