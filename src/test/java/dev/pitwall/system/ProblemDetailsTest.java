package dev.pitwall.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Every client mistake is answered with problem+json that names what to fix, never with a 500. */
@PitwallTest
class ProblemDetailsTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ApiClient admin;

    @BeforeEach
    void token() {
        admin = ApiClient.at(port).withToken(TestTokens.create(context, Scope.ADMIN));
    }

    @Test
    void malformedJsonIsA400ThatSaysWhere() {
        var response = admin.post("/api/v1/users", "{\"username\": \"bob\",");

        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString())
                .contains("not valid JSON")
                .contains("line 1");
    }

    @Test
    void unknownEnumValueIsA400NamingTheFieldAndTheChoices() {
        var response = admin.post("/api/v1/users", """
                {"username": "bob", "password": "long-enough-password", "role": "superuser"}""");

        assertProblem(response, 400);
        assertThat(response.json().get("field").asString()).isEqualTo("role");
        assertThat(response.json().get("detail").asString())
                .contains("superuser")
                .contains("responder, admin");
    }

    @Test
    void wrongTypeIsA400NamingTheField() {
        var response = admin.patch("/api/v1/users/1", "{\"enabled\": \"perhaps\"}");

        assertProblem(response, 400);
        assertThat(response.json().get("field").asString()).isEqualTo("enabled");
    }

    @Test
    void invalidValueIsA400NamingTheField() {
        var response = admin.post("/api/v1/users", """
                {"username": "bob", "password": "short", "role": "responder"}""");

        assertProblem(response, 400);
        assertThat(response.json().get("field").asString()).isEqualTo("password");
        assertThat(response.json().get("detail").asString()).contains("10 to 200 characters");
    }

    @Test
    void missingTokenIsA401WithABearerChallenge() {
        var response = ApiClient.at(port).get("/api/v1/me");

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.json().get("detail").asString()).contains("Authorization: Bearer");
    }

    @Test
    void unknownTokenIsA401() {
        assertProblem(ApiClient.at(port).withToken("pw_not-a-real-token").get("/api/v1/me"), 401);
        assertProblem(ApiClient.at(port).withToken("something-else").get("/api/v1/me"), 401);
    }

    @Test
    void revokedTokenIsA401() {
        var created = admin.post("/api/v1/tokens", "{\"name\": \"short-lived\", \"scopes\": [\"read\"]}");
        assertThat(created.status()).isEqualTo(201);
        ApiClient reader =
                ApiClient.at(port).withToken(created.json().get("secret").asString());
        assertThat(reader.get("/api/v1/me").status()).isEqualTo(200);

        admin.delete("/api/v1/tokens/" + created.json().get("token").get("id").asLong());

        assertProblem(reader.get("/api/v1/me"), 401);
    }

    @Test
    void wrongScopeIsA403() {
        ApiClient ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));

        var response = ingest.get("/api/v1/users");

        assertProblem(response, 403);
        assertThat(response.json().get("detail").asString()).contains("scope");
    }

    @Test
    void bodyOverTheLimitIsA413() {
        String big = "{\"username\": \"" + "x".repeat(1_100_000) + "\"}";

        var response = admin.post("/api/v1/users", big);

        assertProblem(response, 413);
        assertThat(response.json().get("detail").asString()).contains("1048576 bytes");
    }

    @Test
    void chunkedBodyOverTheLimitIsA413() throws IOException {
        HttpURLConnection connection = (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/api/v1/users").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(8192);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Authorization", "Bearer " + admin.token());
        try (OutputStream out = connection.getOutputStream()) {
            out.write("{\"username\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "y".repeat(8192).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 140; i++) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(connection.getResponseCode()).isEqualTo(413);
        assertThat(connection.getContentType()).startsWith("application/problem+json");
    }

    @Test
    void unsupportedMediaTypeIsA415() {
        var response = admin.send("POST", "/api/v1/users", "username=bob", "text/plain");

        assertProblem(response, 415);
        assertThat(response.json().get("detail").asString())
                .contains("text/plain")
                .contains("application/json");
    }

    @Test
    void unknownPathIsA404Problem() {
        var response = admin.get("/api/v1/no-such-thing");

        assertProblem(response, 404);
    }

    @Test
    void conflictIsA409() {
        admin.post("/api/v1/users", """
                {"username": "carol", "password": "long-enough-password"}""");

        var response = admin.post("/api/v1/users", """
                {"username": "Carol", "password": "long-enough-password"}""");

        assertProblem(response, 409);
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
