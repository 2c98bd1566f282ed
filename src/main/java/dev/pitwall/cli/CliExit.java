package dev.pitwall.cli;

/** Exit codes of the commands that talk to a server, the same for every command. */
public final class CliExit {

    public static final int OK = 0;
    /** The check or verification the command waited for failed. */
    public static final int FAILED = 1;

    public static final int BAD_ARGUMENTS = 2;
    public static final int REFUSED = 3;
    public static final int UNREACHABLE = 4;

    private CliExit() {}
}
