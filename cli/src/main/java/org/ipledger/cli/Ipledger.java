package org.ipledger.cli;

import java.io.PrintWriter;

import org.ipledger.cli.command.IpledgerCommand;
import picocli.CommandLine;

/**
 * The entry point of the {@code ipledger} command line. {@link #execute} runs one command line
 * on a given terminal and returns its exit code, so tests call it in-process.
 */
public final class Ipledger {

    private Ipledger() {
    }

    public static void main(String[] args) {
        System.exit(execute(Terminal.system(), args));
    }

    /** Runs one command line; never exits the JVM. */
    public static int execute(Terminal terminal, String... args) {
        CommandLine commandLine = new CommandLine(new IpledgerCommand(terminal));
        commandLine.setOut(new PrintWriter(terminal.out(), true));
        commandLine.setErr(new PrintWriter(terminal.err(), true));
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            terminal.err().println("ipledger: " + e.getMessage());
            e.getCommandLine().usage(terminal.err());
            return ExitCode.USAGE.code();
        });
        commandLine.setExecutionExceptionHandler((e, ignored, parsed) -> {
            if (e instanceof CliFailure failure) {
                terminal.err().println("ipledger: " + failure.getMessage());
                return failure.exitCode().code();
            }
            terminal.err().println("ipledger: unexpected failure: " + e);
            return ExitCode.SERVER_ERROR.code();
        });
        return commandLine.execute(args);
    }
}
