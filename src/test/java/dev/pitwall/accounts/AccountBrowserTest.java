package dev.pitwall.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.system.Chromium;
import dev.pitwall.system.PitwallTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The first minutes of a new user, in a real browser: sign in, make a token, sign out. */
@PitwallTest
class AccountBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Test
    void aNewUserSignsInCreatesATokenAndSignsOut() {
        try (Chromium browser = Chromium.start(port)) {
            browser.open("/account");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");

            browser.signIn("admin", "admin-password-for-tests");
            browser.open("/account");
            assertThat(browser.text("header .session")).contains("admin");
            assertThat(browser.driver().findElements(By.cssSelector("nav.primary a")))
                    .as("every module with pages adds its navigation entry")
                    .isNotEmpty();

            browser.driver().findElement(By.name("name")).sendKeys("browser-ci");
            browser.driver()
                    .findElement(By.xpath("//button[normalize-space()='Create token']"))
                    .click();
            String secret = browser.waitUntil(d -> d.findElement(By.cssSelector("pre.secret")))
                    .getText();
            assertThat(secret).startsWith("pw_");
            assertThat(accounts.authenticate(secret))
                    .hasValueSatisfying(t -> assertThat(t.has(Scope.INGEST)).isTrue());

            browser.driver()
                    .findElement(By.xpath("//button[normalize-space()='Sign out']"))
                    .click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("signedOut"));
            browser.open("/account");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        }
    }
}
