/**
 * Demo: the replay of the broken-line-items night with its sample Proposals app, driven through
 * the public HTTP API and CLI like any user would.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package dev.pitwall.demo;
