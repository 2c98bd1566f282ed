/**
 * Demo: {@code pitwall demo}, the replay of the broken-line-items night with its sample Proposals
 * app and a webhook receiver, in one process with the real server. The story is driven only through
 * the public HTTP API and the CLI's classes, like any user would; the one exception is the first
 * admin token, made through accounts as {@code pitwall token create} makes it.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Demo",
        allowedDependencies = {"system", "cli", "accounts"})
package dev.pitwall.demo;
