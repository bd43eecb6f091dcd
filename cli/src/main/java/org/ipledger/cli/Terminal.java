package org.ipledger.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command reads and writes: its standard streams, its environment and, when it runs in a
 * terminal, the console (for passwords without echo and progress drawn in place). Tests give
 * their own.
 */
public final class Terminal {

    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;
    private final Map<String, String> env;
    private final Console console;

    public Terminal(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Console console) {
        this.out = out;
        this.err = err;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.env = Map.copyOf(env);
        this.console = console;
    }

    /** The process's own streams, environment and console. */
    public static Terminal system() {
        return new Terminal(System.out, System.err, System.in, System.getenv(), System.console());
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    /** Whether a person is watching: progress is then redrawn in place rather than line by line. */
    public boolean interactive() {
        return console != null;
    }

    /**
     * Asks for a password without echo on the console, or reads the first line of standard input
     * when told to or when there is no console (a script piping it in).
     */
    public char[] readPassword(String prompt, boolean fromStdin) {
        if (!fromStdin && console != null) {
            char[] password = console.readPassword("%s", prompt);
            if (password == null) {
                throw new CliFailure(ExitCode.USAGE, "no password given (end of input at the prompt)");
            }
            return password;
        }
        try {
            String line = in.readLine();
            if (line == null) {
                throw new CliFailure(ExitCode.USAGE, "no password on standard input (no terminal to ask on)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
