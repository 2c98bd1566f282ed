package dev.pitwall.system;

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
}
