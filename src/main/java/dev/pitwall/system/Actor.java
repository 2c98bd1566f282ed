package dev.pitwall.system;

/**
 * Who or what did something: a signed-in user, an API token, or Pitwall itself. Every timeline
 * entry and every record of a decision carries one, so the record says what happened and what
 * the system allowed, never who is to blame.
 */
public record Actor(Kind kind, String id, String name) {

    public static final Actor PITWALL = new Actor(Kind.SYSTEM, "pitwall", "Pitwall");

    public enum Kind {
        USER,
        TOKEN,
        SYSTEM
    }

    public static Actor user(long id, String username) {
        return new Actor(Kind.USER, Long.toString(id), username);
    }

    public static Actor token(long id, String tokenName) {
        return new Actor(Kind.TOKEN, Long.toString(id), tokenName);
    }

    /** How the actor reads in a sentence: {@code alice}, {@code token ci-deploys}, {@code Pitwall}. */
    public String display() {
        return kind == Kind.TOKEN ? "token " + name : name;
    }
}
