package dev.pitwall.accounts;

import dev.pitwall.system.ConflictException;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Users, passwords and API tokens. Secrets are only ever stored as hashes. */
@Service
public class AccountService {

    static final String TOKEN_PREFIX = "pw_";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int CACHE_LIMIT = 10_000;

    private final AccountRepository repository;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, CachedToken> tokenCache = new ConcurrentHashMap<>();

    private record CachedToken(TokenPrincipal principal, long loadedAt, long touchedAt) {}

    private final TransactionTemplate readOnly;

    AccountService(
            AccountRepository repository,
            PasswordEncoder passwords,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.passwords = passwords;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return repository.countUsers() > 0;
    }

    @Transactional
    public User createUser(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException(
                    "username", "A username is 1 to 64 letters, digits or . _ @ - and starts with a letter or digit");
        }
        checkPassword(password);
        if (repository.usernameTaken(username)) {
            throw new ConflictException("The username '" + username + "' is already taken");
        }
        return repository.insertUser(username, passwords.encode(password), role, clock.instant());
    }

    /** Checks a password at sign-in; used by Spring Security through {@link AccountUserDetailsService}. */
    @Transactional(readOnly = true)
    Optional<AccountRepository.Credentials> credentials(String username) {
        return repository.credentials(username);
    }

    @Transactional(readOnly = true)
    public List<User> users() {
        return repository.users();
    }

    @Transactional(readOnly = true)
    public User user(long id) {
        return repository.user(id).orElseThrow(() -> NotFoundException.of("user", id));
    }

    @Transactional
    public User changeRole(long id, Role role) {
        User user = user(id);
        if (user.role() == Role.ADMIN && role != Role.ADMIN && user.enabled() && repository.countEnabledAdmins() <= 1) {
            throw new ConflictException(
                    "'" + user.username() + "' is the last enabled admin; make another admin first");
        }
        repository.updateRole(id, role);
        return user(id);
    }

    @Transactional
    public User setEnabled(long id, boolean enabled) {
        User user = user(id);
        if (!enabled && user.role() == Role.ADMIN && user.enabled() && repository.countEnabledAdmins() <= 1) {
            throw new ConflictException("'" + user.username() + "' is the last enabled admin and cannot be disabled");
        }
        repository.updateEnabled(id, enabled);
        // Tokens of a disabled user stop working at once on this node (others within the cache TTL).
        tokenCache.clear();
        return user(id);
    }

    @Transactional
    public void changePassword(long id, String currentPassword, String newPassword) {
        User user = user(id);
        String hash = repository.credentials(user.username()).orElseThrow().passwordHash();
        if (currentPassword == null || !passwords.matches(currentPassword, hash)) {
            throw new InvalidInputException("currentPassword", "The current password is not correct");
        }
        checkPassword(newPassword);
        repository.updatePassword(id, passwords.encode(newPassword), clock.instant());
    }

    /** Sets a password without knowing the old one: for admins and the bootstrap command. */
    @Transactional
    public void resetPassword(long id, String newPassword) {
        checkPassword(newPassword);
        user(id);
        repository.updatePassword(id, passwords.encode(newPassword), clock.instant());
    }

    @Transactional
    public CreatedToken createToken(String name, Set<Scope> scopes, Long createdBy) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "A token needs a name of 1 to 100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidInputException("scopes", "A token needs at least one scope: ingest, read or admin");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = repository.insertToken(
                name.trim(), hash(secret), secret.substring(0, 10), Scope.join(scopes), createdBy, clock.instant());
        return new CreatedToken(token, secret);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> tokens() {
        return repository.tokens();
    }

    @Transactional(readOnly = true)
    public List<ApiToken> tokensCreatedBy(long userId) {
        return repository.tokensCreatedBy(userId);
    }

    @Transactional(readOnly = true)
    public ApiToken token(long id) {
        return repository.token(id).orElseThrow(() -> NotFoundException.of("token", id));
    }

    @Transactional
    public void revokeToken(long id) {
        token(id);
        repository.revokeToken(id, clock.instant());
        tokenCache.values().removeIf(cached -> cached.principal().tokenId() == id);
    }

    /**
     * The principal of a presented token, if it is known, not revoked and its creator is enabled.
     * Lookups are cached for a few seconds because intake endpoints see thousands of requests per
     * second with the same token; a revocation on another node takes effect within that time.
     */
    public Optional<TokenPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(secret);
        long now = clock.millis();
        CachedToken cached = tokenCache.get(hash);
        if (cached != null && now - cached.loadedAt() < CACHE_TTL.toMillis()) {
            return Optional.of(cached.principal());
        }
        Optional<TokenPrincipal> principal = readOnly.execute(status -> repository.activeToken(hash));
        if (principal.isEmpty()) {
            tokenCache.remove(hash);
            return principal;
        }
        long touchedAt = cached == null ? 0 : cached.touchedAt();
        if (now - touchedAt >= TOUCH_EVERY.toMillis()) {
            touchedAt = now;
            long id = principal.get().tokenId();
            // Off the request path: a busy writer must not delay an authenticated request.
            Thread.ofVirtual().start(() -> repository.touchToken(id, clock.instant()));
        }
        if (tokenCache.size() > CACHE_LIMIT) {
            tokenCache.clear();
        }
        tokenCache.put(hash, new CachedToken(principal.get(), now, touchedAt));
        return principal;
    }

    static boolean isPasswordLength(String password) {
        return password.length() >= MIN_PASSWORD && password.length() <= MAX_PASSWORD;
    }

    private static void checkPassword(String password) {
        if (password == null || !isPasswordLength(password)) {
            throw new InvalidInputException(
                    "password", "A password needs " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }

    static String hash(String secret) {
        MessageDigest digest;
        try {
            // a clone skips the provider look-up of getInstance, which cost more than the hash
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static final MessageDigest SHA_256 = sha256();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
