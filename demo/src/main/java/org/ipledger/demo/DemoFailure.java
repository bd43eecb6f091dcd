package org.ipledger.demo;

/** A reason the demo cannot go on, said in one sentence on the console. */
public final class DemoFailure extends RuntimeException {

    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
