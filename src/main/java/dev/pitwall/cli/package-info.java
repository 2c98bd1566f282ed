/**
 * CLI: the {@code pitwall} commands that talk to a running server over its HTTP API (recording
 * changes from pipelines, "what changed", declaring incidents, exporting postmortems), and the
 * HTTP client they share. Calls no module's code, only the API.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "CLI",
        allowedDependencies = {"system"})
package dev.pitwall.cli;
