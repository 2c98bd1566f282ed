package dev.pitwall.cli;

import picocli.CommandLine.Option;

/** Where the server is and how to authenticate, shared by every command that talks to one. */
public class ServerConnection {

    @Option(
            names = "--server",
            paramLabel = "URL",
            defaultValue = "${env:PITWALL_SERVER:-http://localhost:8080}",
            description = "Pitwall server (env PITWALL_SERVER, default ${DEFAULT-VALUE}).")
    String server;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            defaultValue = "${env:PITWALL_TOKEN}",
            description = "API token (env PITWALL_TOKEN; prefer the variable, command lines are visible to others).")
    String token;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "3",
            description = "Attempts while the server is unreachable or busy (default ${DEFAULT-VALUE}).")
    int retries;

    public PitwallHttp http() {
        return new PitwallHttp(server, token, retries);
    }
}
