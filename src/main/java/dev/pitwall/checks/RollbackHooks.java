package dev.pitwall.checks;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.pitwall.catalog.CatalogEntry;
import dev.pitwall.catalog.CatalogService;
import dev.pitwall.catalog.RollbackHook;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The optional rollback hook of a service (in the catalog): when a verification fails, Pitwall
 * POSTs a JSON body naming the change, the version to go back to and the failing check, signed
 * with the hook's secret ({@code X-Pitwall-Signature: sha256=<hex HMAC-SHA256 of the body>}). The
 * delivery is a db-scheduler task scheduled in the transaction that failed the verification, so it
 * survives a restart and runs once cluster-wide; it is tried up to
 * {@code pitwall.checks.verification.hook-attempts} times and each reply is recorded.
 */
@Component
class RollbackHooks {

    static final String TASK = "checks-rollback-hook";
    static final String SIGNATURE_HEADER = "X-Pitwall-Signature";
    private static final Logger log = LoggerFactory.getLogger(RollbackHooks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REPLY = 2048;

    /** The hook answered with a failure (or not at all); db-scheduler tries again later. */
    static final class NotDelivered extends RuntimeException {
        NotDelivered(String message) {
            super(message);
        }
    }

    private final CatalogService catalog;
    private final VerificationRepository verifications;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final Probes probes;
    private final Clock clock;
    private final Duration timeout;
    private final int attempts;
    private final TransactionTemplate transactions;

    RollbackHooks(
            CatalogService catalog,
            VerificationRepository verifications,
            ObjectProvider<SchedulerClient> scheduler,
            Probes probes,
            Clock clock,
            ChecksProperties properties,
            PlatformTransactionManager transactionManager) {
        this.catalog = catalog;
        this.verifications = verifications;
        this.scheduler = scheduler;
        this.probes = probes;
        this.clock = clock;
        this.timeout = properties.verification().hookTimeout();
        this.attempts = Math.max(1, properties.verification().hookAttempts());
        this.transactions = new TransactionTemplate(transactionManager);
    }

    int attempts() {
        return attempts;
    }

    Optional<String> urlFor(String service) {
        return catalog.find(service).map(CatalogEntry::rollbackHookUrl).filter(u -> !u.isBlank());
    }

    /** Schedules the delivery in the current transaction. */
    void schedule(long verificationId, Instant at) {
        SchedulerClient client = scheduler.getIfAvailable();
        if (client == null) {
            log.warn(
                    "No scheduler in this process; the rollback hook of verification {} waits for a server",
                    verificationId);
            return;
        }
        client.scheduleIfNotExists(new TaskInstance<Void>(TASK, Long.toString(verificationId)), at);
    }

    /** Delivers the hook of a failed verification; throws {@link NotDelivered} to be tried again. */
    void deliver(long verificationId) {
        Verification v = verifications.find(verificationId).orElse(null);
        if (v == null || !"pending".equals(v.hookState())) {
            return;
        }
        Optional<RollbackHook> hook = catalog.rollbackHook(v.service());
        if (hook.isEmpty()) {
            record(v, "failed", null, null, "the service no longer has a rollback hook");
            return;
        }
        String body = body(v);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Pitwall-Event", "verification.failed");
        headers.put("X-Pitwall-Delivery", Long.toString(v.id()));
        if (hook.get().secret() != null && !hook.get().secret().isEmpty()) {
            headers.put(SIGNATURE_HEADER, "sha256=" + sign(hook.get().secret(), body));
        }
        URI url = URI.create(hook.get().url());
        HttpStep step = new HttpStep(
                "rollback-hook", "POST", url.toString(), headers, body, timeout, false, true, List.of(), List.of());
        StepObservation seen;
        try {
            seen = probes.observe(new StepCall.Http(step, "POST", url, headers, body, null))
                    .get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            seen = StepObservation.failed(url.toString(), "no answer: " + e.getMessage(), StepTimings.total(0));
        }
        boolean last = v.hookAttempts() + 1 >= attempts;
        if (seen.error() != null) {
            record(v, last ? "failed" : "pending", null, null, seen.error());
            if (!last) {
                throw new NotDelivered(seen.error());
            }
            return;
        }
        String reply = seen.body() == null ? "" : seen.body();
        reply = reply.length() > MAX_REPLY ? reply.substring(0, MAX_REPLY) : reply;
        boolean ok = seen.status() >= 200 && seen.status() < 300;
        record(
                v,
                ok ? "delivered" : last ? "failed" : "pending",
                seen.status(),
                reply,
                ok ? null : "answered " + seen.status());
        if (!ok && !last) {
            throw new NotDelivered("the hook answered " + seen.status());
        }
    }

    private void record(Verification v, String state, Integer status, String reply, String error) {
        transactions.executeWithoutResult(
                s -> verifications.hookAttempt(v.id(), state, status, reply, error, clock.instant()));
    }

    String body(Verification v) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("id", v.changeId());
        change.put("service", v.service());
        change.put("environment", v.environment());
        change.put("kind", v.changeKind());
        change.put("version", v.version());
        change.put("previousVersion", v.previousVersion());
        change.put("finishedAt", v.changeFinishedAt().toString());
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("id", v.failedCheckId());
        check.put(
                "name",
                verifications.checks(v.id()).stream()
                        .filter(c -> Long.valueOf(c.checkId()).equals(v.failedCheckId()))
                        .findFirst()
                        .map(VerifiedCheck::checkName)
                        .orElse(null));
        check.put("failure", v.failure());
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("id", v.id());
        verification.put("status", "failed");
        verification.put("startedAt", v.startedAt().toString());
        verification.put("failedAt", v.failedAt() == null ? null : v.failedAt().toString());
        verification.put("summary", v.summary());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "verification.failed");
        body.put("change", change);
        body.put("rollbackTo", v.previousVersion());
        body.put("failingCheck", check);
        body.put("verification", verification);
        body.put("sentAt", clock.instant().toString());
        return JSON.writeValueAsString(body);
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
