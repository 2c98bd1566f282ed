package dev.pitwall.accounts;

import dev.pitwall.system.PitwallProperties;
import dev.pitwall.system.StartupRefused;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start with an empty database, creates the {@code admin} user. Its password comes
 * from {@code PITWALL_ADMIN_PASSWORD} or is generated and printed once: the only secret Pitwall
 * ever writes to its log, because there is no other way to hand it over.
 */
@Component
@ConditionalOnWebApplication
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountService accounts;
    private final PitwallProperties properties;

    AdminBootstrap(AccountService accounts, PitwallProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
        String configured = properties.adminPassword();
        if (configured != null && !configured.isBlank() && !AccountService.isPasswordLength(configured)) {
            // Refused before the server listens, rather than failing after it has started.
            throw new StartupRefused(
                    "PITWALL_ADMIN_PASSWORD has " + configured.length() + " characters; a password needs "
                            + AccountService.MIN_PASSWORD + " to " + AccountService.MAX_PASSWORD + ".",
                    "Set PITWALL_ADMIN_PASSWORD to a password of " + AccountService.MIN_PASSWORD + " to "
                            + AccountService.MAX_PASSWORD + " characters, or unset it to have one generated and"
                            + " printed once.");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.hasUsers()) {
            return;
        }
        String configured = properties.adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? generatePassword() : configured;
        accounts.createUser("admin", password, Role.ADMIN);
        if (generated) {
            log.warn("""

                    ================================================================
                      Created user 'admin' with the generated password:

                          {}

                      Sign in and change it on the account page. It is shown only
                      this once; set PITWALL_ADMIN_PASSWORD to choose it yourself.
                    ================================================================""", password);
        } else {
            log.info("Created user 'admin' with the password from PITWALL_ADMIN_PASSWORD");
        }
    }

    static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
