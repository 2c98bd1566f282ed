package dev.pitwall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import dev.pitwall.system.PitwallTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PitwallTest
class AccountPagesTest {

    private static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Test
    void pagesNeedASignIn() {
        BrowserSession anonymous = new BrowserSession(port);

        HttpResponse<String> account = anonymous.get("/account");

        assertThat(account.statusCode()).isEqualTo(302);
        assertThat(account.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordIsRefused() {
        BrowserSession session = new BrowserSession(port);
        session.get("/login");

        HttpResponse<String> response =
                session.submit("/login", Map.of("username", "admin", "password", "not-the-password"));

        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("error"));
    }

    @Test
    void formsWithoutCsrfTokenAreRefused() {
        BrowserSession session = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);

        HttpResponse<String> response = session.postForm("/account/tokens", Map.of("name", "x", "scope", "read"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(accounts.tokens()).noneMatch(t -> t.name().equals("x"));
    }

    @Test
    void userCreatesATokenOnTheAccountPageThatWorksOnTheApiUntilRevoked() {
        accounts.createUser("dana", "dana-password-1", Role.RESPONDER);
        BrowserSession dana = BrowserSession.signedIn(port, "dana", "dana-password-1");
        dana.get("/account");

        dana.submit("/account/tokens", Map.of("name", "dana-laptop", "scope", "read"));
        String page = dana.get("/account").body();

        Matcher secret = Pattern.compile("(pw_[A-Za-z0-9_-]{32})").matcher(page);
        assertThat(secret.find()).as("the new secret is shown once").isTrue();
        ApiClient api = ApiClient.at(port).withToken(secret.group(1));
        assertThat(api.get("/api/v1/me").json().get("tokenName").asString()).isEqualTo("dana-laptop");
        assertThat(dana.get("/account").body()).doesNotContain(secret.group(1));

        long id = accounts.tokens().stream()
                .filter(t -> t.name().equals("dana-laptop"))
                .findFirst()
                .orElseThrow()
                .id();
        dana.submit("/account/tokens/" + id + "/revoke", Map.of());
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void respondersCannotCreateAdminTokensOrManageUsers() {
        accounts.createUser("erin", "erin-password-1", Role.RESPONDER);
        BrowserSession erin = BrowserSession.signedIn(port, "erin", "erin-password-1");
        String page = erin.get("/account").body();
        assertThat(page).doesNotContain("Create user");

        erin.submit("/account/tokens", Map.of("name", "sneaky", "scope", "admin"));
        HttpResponse<String> createUser = erin.submit(
                "/account/users", Map.of("username", "mallory", "password", "mallory-password", "role", "ADMIN"));

        assertThat(accounts.tokens()).noneMatch(t -> t.name().equals("sneaky"));
        assertThat(createUser.statusCode()).isEqualTo(403);
        assertThat(accounts.users()).noneMatch(u -> u.username().equals("mallory"));
    }

    @Test
    void adminManagesUsersFromTheAccountPage() {
        BrowserSession admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);
        admin.get("/account");

        admin.submit("/account/users", Map.of("username", "frank", "password", "frank-password", "role", "RESPONDER"));
        User frank = accounts.users().stream()
                .filter(u -> u.username().equals("frank"))
                .findFirst()
                .orElseThrow();
        admin.get("/account");
        admin.submit("/account/users/" + frank.id() + "/role", Map.of("role", "ADMIN"));
        admin.get("/account");
        admin.submit("/account/users/" + frank.id() + "/enabled", Map.of("enabled", "false"));

        assertThat(accounts.user(frank.id()).role()).isEqualTo(Role.ADMIN);
        assertThat(accounts.user(frank.id()).enabled()).isFalse();
        BrowserSession session = new BrowserSession(port);
        session.get("/login");
        assertThat(session.submit("/login", Map.of("username", "frank", "password", "frank-password"))
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("error"));
    }

    @Test
    void namesAreEscapedOnThePage() {
        accounts.createToken("<script>alert(1)</script>", java.util.EnumSet.of(Scope.READ), null);
        BrowserSession admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);

        String page = admin.get("/account").body();

        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    }

    @Test
    void signOutEndsTheSession() {
        BrowserSession admin = BrowserSession.signedIn(port, "admin", ADMIN_PASSWORD);
        admin.get("/account");

        admin.submit("/logout", Map.of());

        assertThat(admin.get("/account").statusCode()).isEqualTo(302);
    }
}
