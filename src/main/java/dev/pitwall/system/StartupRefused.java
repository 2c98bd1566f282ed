package dev.pitwall.system;

import java.util.Optional;

/**
 * A setting that makes starting impossible (an invalid {@code pitwall.yaml}, an unusable
 * {@code PITWALL_ADMIN_PASSWORD}). Spring Boot reports it as "Description" and "Action" without a
 * stack trace ({@link StartupRefusedAnalyzer}), and the command line exits with status 1: the
 * operator made no programming error, so a stack trace would only hide the message.
 *
 * @param action what to change so that the next start succeeds
 */
public class StartupRefused extends RuntimeException {

    private final String action;

    public StartupRefused(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }

    /** The refusal behind a failed start, however deep Spring wrapped it. */
    public static Optional<StartupRefused> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupRefused refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }
}
