package dev.pitwall.checks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves the host of every connection the HTTP client opens (redirects included) and drops the
 * addresses {@link TargetGuard} refuses. IP literals are checked inline; names are resolved off
 * the caller's thread, so a slow resolver never blocks the client's selector.
 */
final class GuardedResolver implements SocketAddressResolver {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final TargetGuard guard;
    private final Executor executor;

    GuardedResolver(TargetGuard guard, Executor executor) {
        this.guard = guard;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        if (isLiteral(host)) {
            complete(host, port, promise);
        } else {
            executor.execute(() -> complete(host, port, promise));
        }
    }

    private void complete(String host, int port, Promise<List<InetSocketAddress>> promise) {
        try {
            promise.succeeded(resolve(guard, host, port));
        } catch (UnknownHostException | ProbeErrors.TargetRefused e) {
            promise.failed(e);
        } catch (RuntimeException e) {
            promise.failed(e);
        }
    }

    /** Every address of {@code host} the guard allows; refused when it allows none. */
    static List<InetSocketAddress> resolve(TargetGuard guard, String host, int port)
            throws UnknownHostException, ProbeErrors.TargetRefused {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = InetAddress.getAllByName(bare);
        List<InetSocketAddress> allowed = new ArrayList<>();
        String refusal = null;
        for (InetAddress address : all) {
            Optional<String> why = guard.refusal(address);
            if (why.isEmpty()) {
                allowed.add(new InetSocketAddress(address, port));
            } else if (refusal == null) {
                refusal = why.get();
            }
        }
        if (allowed.isEmpty()) {
            throw new ProbeErrors.TargetRefused(refusal == null ? "no address for " + host : refusal);
        }
        return allowed;
    }

    static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
    }
}
