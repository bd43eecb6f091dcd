package org.ipledger.e2e.faults;

import java.util.List;

/** A broken promise the checker found: which one, in a sentence, and the requests it concerns. */
record Violation(String promise, String what, List<Request> requests) {

    Violation {
        requests = List.copyOf(requests);
    }

    static Violation of(String promise, String what, Request... requests) {
        return new Violation(promise, what, List.of(requests));
    }

    @Override
    public String toString() {
        return promise + ": " + what;
    }
}
