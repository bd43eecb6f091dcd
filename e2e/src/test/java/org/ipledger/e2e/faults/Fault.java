package org.ipledger.e2e.faults;

/**
 * One fault of a schedule: at {@code atMs} after the load started, the node is killed (and
 * restarted {@code downMs} later) or frozen (and let go on {@code downMs} later).
 */
record Fault(long atMs, String node, Kind kind, long downMs) {

    enum Kind { KILL, FREEZE }

    @Override
    public String toString() {
        return String.format("%6.1f s  %-6s %-12s for %.1f s", atMs / 1000.0, kind == Kind.KILL ? "SIGKILL" : "SIGSTOP",
                node, downMs / 1000.0);
    }
}
