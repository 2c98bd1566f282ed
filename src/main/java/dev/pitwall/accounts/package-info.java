/**
 * Accounts: users (responders and admins), their passwords, API tokens with scopes
 * ({@code ingest}, {@code read}, {@code admin}), sign-in and the security rules of every
 * endpoint. Calls no other module.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Accounts",
        allowedDependencies = {"system"})
package dev.pitwall.accounts;
