package dev.pitwall.checks;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns what went wrong in a probe into a phrase a responder understands at a glance. */
final class ProbeErrors {

    /** Pitwall refused to connect to an address; the message says why. */
    static final class TargetRefused extends java.io.IOException {
        TargetRefused(String reason) {
            super(reason);
        }
    }

    private ProbeErrors() {}

    static String describe(Throwable failure, String target, long timeoutMillis) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TargetRefused refused) {
                return "blocked: " + refused.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return "no complete answer from " + target + " within " + StepTimings.format(timeoutMillis);
            }
            if (t instanceof ConnectException) {
                return "connection refused by " + target;
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + target;
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "cannot resolve the host of " + target
                        + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
            }
            if (t instanceof SSLException) {
                return "TLS failed with " + target + ": " + t.getMessage();
            }
            if (t instanceof EOFException) {
                return target + " closed the connection before answering";
            }
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message) + " (" + target + ")";
    }
}
