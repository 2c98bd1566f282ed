package dev.pitwall.signals;

import java.time.Instant;
import java.util.List;

/**
 * A sender's request format: reads a body into observations, or refuses it with
 * {@link dev.pitwall.system.InvalidInputException} naming the field and the limit. Reading happens
 * on the request thread and never touches the database; see docs/CONTRIBUTING.md, "Add a signal
 * format".
 */
interface SignalFormat {

    List<Observation> read(byte[] body, Instant receivedAt);
}
