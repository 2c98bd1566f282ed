package dev.pitwall.changes;

import dev.pitwall.system.Actor;
import dev.pitwall.system.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The GitHub webhook's secret and the check of {@code X-Hub-Signature-256}. The secret comes from
 * pitwall.yaml ({@code integrations.github.secret_env}), which wins, or from an admin in the UI or
 * API, stored sealed with {@link SecretBox}. It is never returned or logged.
 */
@Component
class GitHubIntegration {

    static final String NAME = "github";
    private static final String PREFIX = "sha256=";

    /** Whether a secret is set and where it comes from ({@code pitwall.yaml} or {@code ui}). */
    record Settings(boolean secretSet, String secretSource) {}

    private final ChangeRepository repository;
    private final SecretBox secrets;
    private final Clock clock;
    private final AtomicReference<String> configured = new AtomicReference<>();

    GitHubIntegration(ChangeRepository repository, SecretBox secrets, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The secret pitwall.yaml names, or null when the file names none. */
    void configure(String secret) {
        configured.set(secret == null || secret.isEmpty() ? null : secret);
    }

    @Transactional(readOnly = true)
    public Settings settings() {
        if (configured.get() != null) {
            return new Settings(true, "pitwall.yaml");
        }
        return new Settings(repository.integrationSecret(NAME).isPresent(), "ui");
    }

    /** Sets the secret (an empty one removes it). */
    @Transactional
    public Settings setSecret(String secret, Actor actor) {
        String sealed = secret == null || secret.isEmpty() ? null : secrets.seal(secret);
        repository.saveIntegrationSecret(NAME, sealed, clock.instant(), actor.display());
        return settings();
    }

    /** Whether the body carries a valid signature by the current secret; false when none is set. */
    @Transactional(readOnly = true)
    public boolean verify(byte[] body, String signature) {
        String secret = currentSecret();
        if (secret == null || signature == null || !signature.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = sign(secret, body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    boolean hasSecret() {
        return settings().secretSet();
    }

    static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private String currentSecret() {
        String fromFile = configured.get();
        if (fromFile != null) {
            return fromFile;
        }
        return repository.integrationSecret(NAME).map(secrets::open).orElse(null);
    }
}
