package dev.pitwall.incidents;

import java.util.List;

/** A target's address with its secrets opened, for the one notifier that sends to it. */
record Destination(long targetId, String name, String url, String secret, List<String> recipients) {

    @Override
    public String toString() {
        return "Destination[" + name + "]";
    }
}
