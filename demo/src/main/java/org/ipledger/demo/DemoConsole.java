package org.ipledger.demo;

import java.io.PrintStream;

/** The demo's own lines on the console, one per event, named by the part they concern. */
final class DemoConsole {

    private DemoConsole() {
    }

    static void line(PrintStream out, String part, String text) {
        out.printf("  %-11s %s%n", part, text);
    }

    static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
