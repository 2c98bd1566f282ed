package dev.pitwall.changes;

import java.time.Instant;

/** One commit that a change shipped. {@code time} is the commit's author time, when known. */
public record Commit(String sha, String message, String author, Instant time) {

    /** The first line of the message, as lists show it. */
    public String subject() {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** Whether the message has more than its subject line. */
    public boolean multiline() {
        return message != null && message.strip().indexOf('\n') >= 0;
    }

    public String shortSha() {
        return sha == null || sha.length() <= 12 ? sha : sha.substring(0, 12);
    }
}
