package org.ipledger.e2e.faults;

/** A process of the federation that the fault run crashes (SIGKILL) and freezes (SIGSTOP). */
interface Node {

    String name();

    /** SIGKILL: down, with nothing flushed, until {@link #restart()}. */
    void kill();

    /** Starts it again on the same state after {@link #kill()}; returns once it serves again. */
    void restart();

    /** SIGSTOP: its connections stay open and nothing answers until {@link #resume()}. */
    void pause();

    void resume();
}
