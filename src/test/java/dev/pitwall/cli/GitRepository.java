package dev.pitwall.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temporary directory, for tests of {@code --from-git}. */
public record GitRepository(Path directory) {

    public static GitRepository init(Path directory) {
        GitRepository repository = new GitRepository(directory);
        repository.git("init", "--quiet", "--initial-branch=main");
        return repository;
    }

    /** Writes the files and commits them with the message and author; returns the new SHA. */
    public String commit(String message, String author, String... pathsAndContents) {
        try {
            for (int i = 0; i + 1 < pathsAndContents.length; i += 2) {
                Path file = directory.resolve(pathsAndContents[i]);
                Files.createDirectories(file.getParent());
                Files.writeString(file, pathsAndContents[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git("add", "--all");
        git(
                "-c",
                "user.name=" + author,
                "-c",
                "user.email=" + author.toLowerCase() + "@example.com",
                "commit",
                "--quiet",
                "-m",
                message);
        return git("rev-parse", "HEAD").strip();
    }

    public String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
