package dev.pitwall.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitwall.system.DatabaseContractTest;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class AccountRepositoryTest extends DatabaseContractTest {

    private static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
    private AccountRepository repository;

    @BeforeEach
    void createRepository() {
        repository = new AccountRepository(jdbc);
    }

    @Test
    void storesUsersAndFindsThemByName() {
        User alice = repository.insertUser("alice", "{bcrypt}hash", Role.RESPONDER, NOW);

        assertThat(repository.countUsers()).isEqualTo(1);
        assertThat(repository.credentials("alice")).hasValueSatisfying(c -> {
            assertThat(c.user()).isEqualTo(alice);
            assertThat(c.passwordHash()).isEqualTo("{bcrypt}hash");
        });
        assertThat(repository.user(alice.id())).contains(alice);
        assertThat(repository.credentials("bob")).isEmpty();
    }

    @Test
    void usernamesAreUniqueRegardlessOfCase() {
        repository.insertUser("alice", "h", Role.RESPONDER, NOW);

        assertThat(repository.usernameTaken("ALICE")).isTrue();
        assertThatThrownBy(() -> repository.insertUser("Alice", "h", Role.ADMIN, NOW))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void changesRoleEnabledAndPassword() {
        User bob = repository.insertUser("bob", "old", Role.RESPONDER, NOW);

        repository.updateRole(bob.id(), Role.ADMIN);
        repository.updateEnabled(bob.id(), false);
        repository.updatePassword(bob.id(), "new", NOW.plusSeconds(60));

        assertThat(repository.user(bob.id())).hasValueSatisfying(u -> {
            assertThat(u.role()).isEqualTo(Role.ADMIN);
            assertThat(u.enabled()).isFalse();
        });
        assertThat(repository.credentials("bob").orElseThrow().passwordHash()).isEqualTo("new");
        assertThat(repository.countEnabledAdmins()).isZero();
    }

    @Test
    void findsActiveTokensByHashOnly() {
        User alice = repository.insertUser("alice", "h", Role.ADMIN, NOW);
        ApiToken token = repository.insertToken("ci", "hash-1", "pw_abcdefg", "ingest,read", alice.id(), NOW);
        repository.insertToken("bootstrap", "hash-2", "pw_hijklmn", "admin", null, NOW);

        assertThat(token.createdByName()).isEqualTo("alice");
        assertThat(token.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ);
        assertThat(repository.activeToken("hash-1"))
                .hasValueSatisfying(p -> assertThat(p.scopes()).isEqualTo(EnumSet.of(Scope.INGEST, Scope.READ)));
        assertThat(repository.activeToken("hash-2"))
                .hasValueSatisfying(p -> assertThat(p.userId()).isNull());
        assertThat(repository.activeToken("no-such-hash")).isEmpty();
    }

    @Test
    void revokedTokensAndTokensOfDisabledUsersStopWorking() {
        User alice = repository.insertUser("alice", "h", Role.RESPONDER, NOW);
        ApiToken revoked = repository.insertToken("a", "hash-a", "pw_a", "read", alice.id(), NOW);
        repository.insertToken("b", "hash-b", "pw_b", "read", alice.id(), NOW);

        assertThat(repository.revokeToken(revoked.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(repository.revokeToken(revoked.id(), NOW.plusSeconds(2))).isFalse();
        assertThat(repository.activeToken("hash-a")).isEmpty();
        assertThat(repository.activeToken("hash-b")).isPresent();

        repository.updateEnabled(alice.id(), false);
        assertThat(repository.activeToken("hash-b")).isEmpty();
    }

    @Test
    void listsActiveTokensFirstAndRecordsLastUse() {
        User alice = repository.insertUser("alice", "h", Role.RESPONDER, NOW);
        ApiToken old = repository.insertToken("old", "h1", "pw_1", "read", alice.id(), NOW);
        ApiToken newer = repository.insertToken("newer", "h2", "pw_2", "read", alice.id(), NOW.plusSeconds(10));
        repository.revokeToken(newer.id(), NOW.plusSeconds(20));
        repository.touchToken(old.id(), NOW.plusSeconds(30));

        assertThat(repository.tokensCreatedBy(alice.id()))
                .extracting(ApiToken::name)
                .containsExactly("old", "newer");
        assertThat(repository.token(old.id()).orElseThrow().lastUsedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(repository.token(newer.id()).orElseThrow().revokedAt()).isEqualTo(NOW.plusSeconds(20));
    }
}
