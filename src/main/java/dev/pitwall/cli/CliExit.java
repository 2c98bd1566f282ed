package dev.pitwall.cli;

import java.io.PrintWriter;

/** Exit codes of the commands that talk to a server, the same for every command. */
public final class CliExit {

    public static final int OK = 0;
    /** The check or verification the command waited for failed. */
    public static final int FAILED = 1;

    public static final int BAD_ARGUMENTS = 2;
    public static final int REFUSED = 3;
    public static final int UNREACHABLE = 4;

    private CliExit() {}

    /** Says why the server refused, in its own words, and returns {@link #REFUSED}. */
    public static int refused(PitwallHttp.Reply reply, PrintWriter err) {
        err.println("Refused (HTTP " + reply.status() + "): " + reply.problem());
        return REFUSED;
    }

    /** Says why the server could not be reached and returns {@link #UNREACHABLE}. */
    public static int unreachable(PitwallHttp.UnreachableException e, PrintWriter err) {
        err.println("Cannot reach the server: " + e.getMessage());
        return UNREACHABLE;
    }
}
