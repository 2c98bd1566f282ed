package dev.pitwall.incidents;

/**
 * Sends one notification over one channel. One implementation per channel; the delivery worker
 * picks the notifier of the target's channel, records the outcome, and retries failures.
 */
interface Notifier {

    NotificationChannel channel();

    /** Sends once. Never throws for a failed delivery: the outcome says what went wrong. */
    Outcome send(Destination destination, IncidentNotification notification, long deliveryId);

    /** How a send went, in one line for the delivery log (never containing a secret). */
    record Outcome(boolean ok, String detail) {

        static Outcome ok(String detail) {
            return new Outcome(true, detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(false, detail);
        }
    }
}
