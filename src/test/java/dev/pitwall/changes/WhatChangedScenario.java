package dev.pitwall.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.cli.ChangeCommand;
import dev.pitwall.cli.GitRepository;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.BrowserSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The "done means": a pipeline records a deploy with {@code change record --from-git} in a
 * git checkout, GitHub sends a deployment webhook and a CD tool a CDEvent; "What changed" then
 * shows all three with the right versions. Run on SQLite and on PostgreSQL by the subclasses.
 */
abstract class WhatChangedScenario {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @TempDir
    Path checkout;

    @Test
    void whatChangedShowsAGitDeployAGitHubDeploymentAndACdEventWithTheirVersions() {
        Instant from = Instant.parse("2019-05-15T00:00:00Z");
        String token = TestTokens.create(context, Scope.INGEST, Scope.READ);
        ApiClient api = ApiClient.at(port).withToken(token);
        ApiClient admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));

        GitRepository git = GitRepository.init(checkout);
        git.commit("Members list proposals", "Ana", "app/Proposals.java", "class Proposals {}");
        String head = git.commit("Line items use the new index", "Bo", "db/V12__index.sql", "create index;");
        CommandLine cli = new CommandLine(new ChangeCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute(
                "record",
                "--server",
                "http://127.0.0.1:" + port,
                "--token",
                token,
                "--service",
                "done-proposals",
                "--env",
                "production",
                "--version",
                "2.14.0",
                "--kind",
                "deploy",
                "--from-git",
                "--repo",
                checkout.toString(),
                "--description",
                "Release 2.14.0");
        assertThat(exit).as(err.toString()).isZero();

        admin.send("PUT", "/api/v1/integrations/github/settings", "{\"secret\": \"done-secret\"}", "application/json");
        long deploymentId = 700_000_000L + (System.nanoTime() % 1_000_000);
        for (String[] delivery : new String[][] {
            {"deployment", "deployment.json"}, {"deployment_status", "deployment_status-success.json"}
        }) {
            String body = ChangeIntegrationsTest.gitHubExample(delivery[1], deploymentId);
            var reply = ApiClient.at(port)
                    .send(
                            "POST",
                            "/api/v1/integrations/github",
                            body,
                            "application/json",
                            "X-GitHub-Event",
                            delivery[0],
                            "X-GitHub-Delivery",
                            UUID.randomUUID().toString(),
                            "X-Hub-Signature-256",
                            ChangeIntegrationsTest.signature("done-secret", body));
            assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        }

        var cdEvent = api.send(
                "POST",
                "/api/v1/integrations/cdevents",
                ChangeIntegrationsTest.resource("cdevents/service-deployed-cloudevent.json")
                        .replace(
                                "0f6b8a3e-5c1d-4f0e-9a53-4d1c2b7e9f10",
                                UUID.randomUUID().toString()),
                "application/cloudevents+json");
        assertThat(cdEvent.status()).as(cdEvent.body()).isBetween(200, 201);

        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
        JsonNode diff = api.get("/api/v1/changes/diff?from=" + from + "&to=" + to + "&env=production")
                .json();
        assertThat(service(diff, "done-proposals").get("toVersion").asString()).isEqualTo("2.14.0");
        JsonNode recorded = service(diff, "done-proposals").get("changes").get(0);
        assertThat(recorded.get("source").asString()).isEqualTo("cli");
        assertThat(recorded.get("commitSha").asString()).isEqualTo(head);
        assertThat(recorded.get("commitCount").asInt()).isEqualTo(1);
        assertThat(service(diff, "Hello-World").get("toVersion").asString()).isEqualTo("f95f852bd8fc");
        assertThat(service(diff, "Hello-World")
                        .get("changes")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("succeeded");
        assertThat(service(diff, "pricing-api").get("toVersion").asString())
                .isEqualTo("sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427");

        BrowserSession browser = BrowserSession.signedIn(port, "admin", "admin-password-for-tests");
        String page = browser.get("/what-changed?from=2019-05-15T00:00&to="
                        + to.toString().substring(0, 16) + "&tz=UTC&env=production")
                .body();
        assertThat(page)
                .contains("done-proposals")
                .contains("2.14.0")
                .contains("Hello-World")
                .contains("f95f852bd8fc")
                .contains("pricing-api")
                .contains("sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427");
    }

    private static JsonNode service(JsonNode diff, String name) {
        for (JsonNode service : diff.get("services")) {
            if (service.get("service").asString().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("'What changed' does not show " + name + ": " + diff);
    }
}
