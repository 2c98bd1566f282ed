package dev.pitwall.accounts;

import dev.pitwall.system.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Two doors. The API ({@code /api/**}, the compatible intake paths and actuator) takes bearer
 * tokens only, keeps no session and needs no CSRF token because a browser never sends bearer
 * tokens on its own. The web UI takes a session login, and every form carries a CSRF token.
 * Open without authentication: health, the login page, static assets and the public status page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

    /** Paths any module may serve without a login; the public status page lives here. */
    static final String[] PUBLIC_PAGES = {
        "/login",
        "/status",
        "/status/**",
        "/status.json",
        "/webjars/**",
        "/css/**",
        "/js/**",
        "/img/**",
        "/favicon.ico",
        "/error"
    };

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AccountService accounts) throws Exception {
        http.securityMatcher("/api/**", "/v2/**", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new BearerTokenFilter(accounts), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // PagerDuty senders put the token in the body (routing_key); the endpoint checks it.
                        .requestMatchers(HttpMethod.POST, "/v2/enqueue", "/v2/change/enqueue")
                        .permitAll()
                        // GitHub sends no token; the endpoint checks the delivery's HMAC signature.
                        .requestMatchers(HttpMethod.POST, "/api/v1/integrations/github")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasAuthority(Scope.READ.authority())
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> Problems.write(
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "This endpoint needs an API token: send 'Authorization: Bearer <token>'. Create one on"
                                        + " the account page or with `pitwall token create NAME --scope SCOPE`.",
                                BearerTokenFilter.CHALLENGE))
                        .accessDeniedHandler((request, response, e) -> Problems.write(
                                response,
                                HttpStatus.FORBIDDEN,
                                "This token lacks the scope this endpoint needs (ingest, read or admin).",
                                null)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(
                        headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                                                + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }
}
