package dev.pitwall.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the data lives, for every command that opens the database. Each option overrides its
 * environment variable, which overrides the default in {@code application.yaml}.
 */
public class ServerOptions {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Directory of the embedded SQLite database (env PITWALL_DATA, default ./pitwall-data).")
    Path dataDir;

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            description = "A jdbc:postgresql:// URL to use PostgreSQL instead of SQLite (env PITWALL_DATABASE_URL).")
    String databaseUrl;

    @Option(
            names = "--database-user",
            paramLabel = "USER",
            description = "PostgreSQL user (env PITWALL_DATABASE_USER).")
    String databaseUser;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration as code: services, checks, notifications (env PITWALL_CONFIG,"
                    + " default ./pitwall.yaml when it exists).")
    Path configFile;

    /** Spring Boot arguments for the options that were given. */
    public List<String> springArguments() {
        List<String> args = new ArrayList<>();
        if (dataDir != null) {
            args.add("--pitwall.data-dir=" + dataDir);
        }
        if (databaseUrl != null) {
            args.add("--pitwall.database.url=" + databaseUrl);
        }
        if (configFile != null) {
            args.add("--pitwall.config-file=" + configFile);
        }
        if (databaseUser != null) {
            args.add("--pitwall.database.username=" + databaseUser);
        }
        return args;
    }
}
