package org.ipledger.e2e.faults;

import java.util.List;
import java.util.Optional;

/**
 * One request of a platform's client through its agent, with every attempt it made under the
 * same requestId. {@code address} is the specific address of a reservation or a release, and
 * {@code kept} says whether the client was still retrying when the run ended (it never gives up
 * before that, so an unanswered request it kept is an answer lost).
 */
record Request(String requestId, int platform, Kind kind, long pool, String address, String owner,
               List<Attempt> attempts, boolean kept) {

    enum Kind { ALLOCATE, RESERVE, RELEASE }

    Request {
        attempts = List.copyOf(attempts);
    }

    /** The first answer that ended the request, if any. */
    Optional<Attempt> answer() {
        return attempts.stream().filter(Attempt::definitive).findFirst();
    }

    /** The addresses this request holds once answered: allocated or reserved, none for a release. */
    List<String> held() {
        return kind == Kind.RELEASE ? List.of() : answer().filter(Attempt::ok).map(Attempt::addresses).orElse(List.of());
    }

    long firstInvokedAt() {
        return attempts.isEmpty() ? Long.MAX_VALUE : attempts.get(0).invokedAt();
    }

    /** When the request's effect had certainly happened: its first definitive answer. */
    long answeredAt() {
        return answer().map(Attempt::completedAt).orElse(Long.MAX_VALUE);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + requestId + " of platform " + platform + " (pool " + pool
                + (address == null ? "" : ", " + address) + "): " + attempts.size() + " attempt(s), "
                + answer().map(Attempt::answer).orElse("unanswered") + " at " + answer().map(Attempt::completedAt).orElse(-1L) + " ms";
    }
}
