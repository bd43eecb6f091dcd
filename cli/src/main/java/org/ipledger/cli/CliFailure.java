package org.ipledger.cli;

/** Ends a command with an exit code and a one-line message naming the cause. */
public final class CliFailure extends RuntimeException {

    private final ExitCode exitCode;

    public CliFailure(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
