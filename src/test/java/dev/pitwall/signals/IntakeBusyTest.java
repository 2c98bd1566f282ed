package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TokenPrincipal;
import dev.pitwall.system.PitwallProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** When intake is full, every door answers 503 with Retry-After, which senders retry. */
class IntakeBusyTest {

    static final IntakeRefusedException BUSY = new IntakeRefusedException("queue full", Duration.ofSeconds(2));

    @Test
    void theAlertmanagerApiAnswers503WithRetryAfter() throws Exception {
        AccountService accounts = mock(AccountService.class);
        when(accounts.authenticate(anyString()))
                .thenReturn(Optional.of(new TokenPrincipal(1, "am", Set.of(Scope.INGEST), null)));
        Intake intake = mock(Intake.class);
        when(intake.accept(anyList())).thenThrow(BUSY);
        PitwallProperties properties = new PitwallProperties(
                Path.of("."),
                new PitwallProperties.DatabaseSettings(null, null, null, PitwallProperties.Durability.NORMAL, 1, 1),
                new PitwallProperties.Http(DataSize.ofMegabytes(1)),
                null);
        AlertmanagerApiFilter filter = new AlertmanagerApiFilter(
                accounts,
                new AlertmanagerApiFormat(TestSettings.properties(), TestSettings.JSON),
                intake,
                TestSettings.JSON,
                Clock.systemUTC(),
                properties);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v2/alerts");
        request.addHeader("Authorization", "Bearer pw_test");
        request.setContent("[{\"labels\":{\"alertname\":\"A\"}}]".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("queue full");
    }

    @Test
    void theOtherEndpointsAnswer503WithRetryAfter() {
        ResponseEntity<?> reply = new IntakeRefusedHandler().refused(BUSY);

        assertThat(reply.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(reply.getHeaders().getFirst("Retry-After")).isEqualTo("2");
    }
}
