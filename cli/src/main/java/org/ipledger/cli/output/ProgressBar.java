package org.ipledger.cli.output;

import java.io.PrintStream;

/**
 * A migration's progress as a bar: redrawn in place on a terminal, one line per change of
 * state or figures otherwise (a log, a test).
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean inPlace;
    private String last = "";

    public ProgressBar(PrintStream out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** Shows the state, with the bar when the rows done and total are known. */
    public void show(String state, long done, long total) {
        String line = total > 0 ? bar(done, total) + "  " + state : state;
        if (line.equals(last)) {
            return;
        }
        if (inPlace) {
            out.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
        } else {
            out.println(line);
        }
        out.flush();
        last = line;
    }

    /** Ends the bar's line, so that what follows starts on a line of its own. */
    public void finish() {
        if (inPlace && !last.isEmpty()) {
            out.println();
        }
    }

    static String bar(long done, long total) {
        long bounded = Math.max(0, Math.min(done, total));
        int filled = (int) (WIDTH * bounded / total);
        long percent = 100 * bounded / total;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent) + "  "
                + bounded + "/" + total + " rows";
    }
}
