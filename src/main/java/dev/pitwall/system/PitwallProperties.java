package dev.pitwall.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings shared by the whole server. Each has a default in {@code application.yaml} and an
 * environment variable ({@code PITWALL_*}) documented in the README.
 *
 * @param dataDir where the SQLite database and other local state live
 * @param adminPassword password of the {@code admin} user created on first start; generated and
 *     printed once when empty
 */
@ConfigurationProperties("pitwall")
public record PitwallProperties(
        @DefaultValue("./pitwall-data") Path dataDir,
        @DefaultValue DatabaseSettings database,
        @DefaultValue Http http,
        String adminPassword) {

    /**
     * @param url a {@code jdbc:postgresql:} URL; empty means the embedded SQLite database
     * @param durability {@code normal} survives a killed process, {@code full} also an OS crash or
     *     power loss (SQLite {@code synchronous=FULL}); PostgreSQL follows its own settings
     */
    public record DatabaseSettings(
            String url,
            String username,
            String password,
            @DefaultValue("normal") Durability durability,
            @DefaultValue("4") int readPoolSize,
            @DefaultValue("10") int poolSize) {

        public boolean isPostgresql() {
            return url != null && !url.isBlank();
        }
    }

    /** @param maxRequestBody bodies above this are refused with 413 before they are read */
    public record Http(@DefaultValue("1MB") DataSize maxRequestBody) {}

    public enum Durability {
        NORMAL,
        FULL
    }
}
