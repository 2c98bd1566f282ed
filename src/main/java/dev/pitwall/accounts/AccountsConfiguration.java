package dev.pitwall.accounts;

import dev.pitwall.system.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, with the algorithm recorded in each hash so it can be upgraded later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    NavigationEntry accountNavigation() {
        return new NavigationEntry("Account", "/account", 1000);
    }
}
