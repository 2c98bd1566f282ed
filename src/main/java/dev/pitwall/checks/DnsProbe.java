package dev.pitwall.checks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS steps. A/AAAA lookups without a named server go through the system resolver, exactly as the
 * services themselves (and {@code /etc/hosts}) would resolve the name; other record types and named
 * servers are asked directly with the JDK's DNS client.
 */
final class DnsProbe implements Probe<StepCall.Dns> {

    private final Executor blocking;

    DnsProbe(Executor blocking) {
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<StepObservation> observe(StepCall.Dns call) {
        DnsStep step = call.step();
        String target = step.target();
        long timeout = step.timeout().toMillis();
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                List<String> answers = step.server() == null
                                                && (step.recordType().equals("A")
                                                        || step.recordType().equals("AAAA"))
                                        ? system(step)
                                        : query(step, timeout);
                                double ms = StepTimings.millisSince(start, System.nanoTime());
                                return StepObservation.answered(target, answers, StepTimings.total(ms));
                            } catch (UnknownHostException | NameNotFoundException e) {
                                return StepObservation.failed(
                                        target,
                                        "no such name: " + step.host() + " (" + step.recordType() + ")",
                                        StepTimings.total(StepTimings.millisSince(start, System.nanoTime())));
                            } catch (Exception e) {
                                return StepObservation.failed(
                                        target,
                                        "DNS lookup failed: " + e.getMessage(),
                                        StepTimings.total(StepTimings.millisSince(start, System.nanoTime())));
                            }
                        },
                        blocking)
                .completeOnTimeout(null, timeout + 1000, TimeUnit.MILLISECONDS)
                .thenApply(seen -> seen != null
                        ? seen
                        : StepObservation.failed(
                                target,
                                "no DNS answer within " + StepTimings.format(timeout),
                                StepTimings.total(StepTimings.millisSince(start, System.nanoTime()))));
    }

    private static List<String> system(DnsStep step) throws UnknownHostException {
        List<String> answers = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(step.host())) {
            boolean wanted =
                    step.recordType().equals("A") ? address instanceof Inet4Address : address instanceof Inet6Address;
            if (wanted) {
                answers.add(address.getHostAddress());
            }
        }
        if (answers.isEmpty()) {
            throw new UnknownHostException(step.host());
        }
        return answers;
    }

    private static List<String> query(DnsStep step, long timeout) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", step.server() == null ? "dns:" : "dns://" + step.server());
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(100, timeout / 2)));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(step.host(), new String[] {step.recordType()});
            Attribute attribute = attributes.get(step.recordType());
            List<String> answers = new ArrayList<>();
            if (attribute != null) {
                NamingEnumeration<?> values = attribute.getAll();
                while (values.hasMore()) {
                    answers.add(String.valueOf(values.next()));
                }
            }
            return answers;
        } finally {
            context.close();
        }
    }
}
