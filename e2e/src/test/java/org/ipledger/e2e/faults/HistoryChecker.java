package org.ipledger.e2e.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a fault run's history of requests and its end state against ipledger's promises: no
 * address held twice (I1), every request answered once and the same way on retry (I4), nothing
 * allocated on the master that its requester never heard of, the ledger gap-free in order (I3),
 * every captured row on the master exactly once and gone locally (I6), replicas equal to the
 * master, agents back to active, owner names only on their platform (I5).
 *
 * <p>Times come from the requesters' side, so an effect is known only to lie between a request's
 * first sending and its answer; two holds of one address are a violation only when no release of
 * it could have come between them in any order those windows allow, as Jepsen's checkers judge a
 * history by what a real execution could have been.
 */
final class HistoryChecker {

    static final String HELD_TWICE = "no address held twice";
    static final String LOST_ANSWER = "every request answered";
    static final String SAME_ANSWER = "the same answer on retry";
    static final String UNANSWERED_ON_MASTER = "nothing allocated without an answer";
    static final String LEDGER_GAP = "ledger gap-free and in order";
    static final String CAPTURED_ONCE = "every captured row on the master once and gone locally";
    static final String REPLICA_EQUAL = "every replica equal to the master";
    static final String AGENT_ACTIVE = "every agent back to active";
    static final String OWNER_LEAKED = "owner names stay on their platform";

    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private HistoryChecker() {
    }

    /** Every violation, in the order of the promises above. */
    static List<Violation> check(List<Request> history, EndState end) {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(noAddressHeldTwice(history));
        violations.addAll(everyRequestAnswered(history));
        violations.addAll(sameAnswerOnRetry(history));
        violations.addAll(nothingAllocatedWithoutAnswer(history, end.masterAddresses()));
        violations.addAll(ledgerGapFree(end.ledger()));
        violations.addAll(capturedOnce(end.captured()));
        violations.addAll(replicasEqual(end.masterView(), end.replicaViews()));
        violations.addAll(agentsActive(end.agentStates()));
        violations.addAll(ownersStayHome(history, end.captured(), end.foreignViews()));
        violations.addAll(noOwnerOnTheMaster(end.ownerTextsOnMaster()));
        return violations;
    }

    static List<Violation> noAddressHeldTwice(List<Request> history) {
        Map<String, List<Request>> holders = new HashMap<>();
        Map<String, List<Request>> releases = new HashMap<>();
        for (Request request : history) {
            request.held().forEach(address -> holders.computeIfAbsent(address, a -> new ArrayList<>()).add(request));
            if (mayHaveReleased(request)) {
                releases.computeIfAbsent(request.address(), a -> new ArrayList<>()).add(request);
            }
        }
        List<Violation> violations = new ArrayList<>();
        holders.forEach((address, held) -> {
            List<Request> released = releases.getOrDefault(address, List.of());
            for (int i = 0; i < held.size(); i++) {
                for (int j = i + 1; j < held.size(); j++) {
                    Request a = held.get(i);
                    Request b = held.get(j);
                    if (!releasedBetween(a, b, released) && !releasedBetween(b, a, released)) {
                        violations.add(Violation.of(HELD_TWICE, address + " answered to both " + a.requestId()
                                + " (platform " + a.platform() + ") and " + b.requestId() + " (platform " + b.platform()
                                + ") with no release that could have come between", a, b));
                    }
                }
            }
        });
        return violations;
    }

    /**
     * A release answered ok, or never answered: one whose every attempt was lost or answered 503
     * may still have taken effect on the master, at any time after it was first sent.
     */
    private static boolean mayHaveReleased(Request request) {
        return request.kind() == Request.Kind.RELEASE && request.answer().map(Attempt::ok).orElse(true);
    }

    /** Whether some release could have freed {@code first}'s address before {@code second} took it. */
    private static boolean releasedBetween(Request first, Request second, List<Request> releases) {
        return releases.stream().anyMatch(release -> release.answeredAt() > first.firstInvokedAt()
                && release.firstInvokedAt() < second.answeredAt());
    }

    static List<Violation> everyRequestAnswered(List<Request> history) {
        return history.stream().filter(request -> request.answer().isEmpty())
                .map(request -> Violation.of(LOST_ANSWER, request.requestId() + " of platform " + request.platform()
                        + " was never answered in " + request.attempts().size() + " attempt(s)"
                        + (request.kept() ? " although its client kept retrying" : ""), request))
                .toList();
    }

    static List<Violation> sameAnswerOnRetry(List<Request> history) {
        List<Violation> violations = new ArrayList<>();
        for (Request request : history) {
            List<String> answers = request.attempts().stream().filter(Attempt::definitive).map(Attempt::answer)
                    .distinct().toList();
            if (answers.size() > 1) {
                violations.add(Violation.of(SAME_ANSWER, request.requestId() + " answered " + answers, request));
            }
        }
        return violations;
    }

    /**
     * A row the master stores for a request must be that request's answer; an answered
     * allocation, not released since, must be stored.
     */
    static List<Violation> nothingAllocatedWithoutAnswer(List<Request> history, List<EndState.MasterAddress> rows) {
        Map<String, Request> byId = history.stream().collect(Collectors.toMap(Request::requestId, r -> r, (a, b) -> a));
        List<Violation> violations = new ArrayList<>();
        Set<String> stored = rows.stream().map(EndState.MasterAddress::address).collect(Collectors.toSet());
        for (EndState.MasterAddress row : rows) {
            Request request = row.requestId() == null ? null : byId.get(row.requestId());
            if (request != null && !request.held().contains(row.address())) {
                violations.add(Violation.of(UNANSWERED_ON_MASTER, row.address() + " is stored on the master for "
                        + row.requestId() + ", whose requester got " + request.answer().map(Attempt::answer)
                        .orElse("no answer"), request));
            }
        }
        Set<String> released = history.stream().filter(HistoryChecker::mayHaveReleased).map(Request::address)
                .collect(Collectors.toSet());
        for (Request request : history) {
            for (String address : request.held()) {
                if (!stored.contains(address) && !released.contains(address)) {
                    violations.add(Violation.of(UNANSWERED_ON_MASTER, address + " was answered to "
                            + request.requestId() + " but is not stored on the master", request));
                }
            }
        }
        return violations;
    }

    /**
     * The ledger as a reader takes it: each seq's first record in order 1, 2, 3, … with no gap. The
     * publisher sends its unacknowledged tail again after a crash, so a seq may come again, but
     * only with the very entry it had.
     */
    static List<Violation> ledgerGapFree(List<EndState.LedgerRecord> ledger) {
        Map<Long, String> seen = new HashMap<>();
        for (int i = 0; i < ledger.size(); i++) {
            EndState.LedgerRecord record = ledger.get(i);
            String first = seen.putIfAbsent(record.seq(), record.entry());
            if (first != null && !first.equals(record.entry())) {
                return List.of(Violation.of(LEDGER_GAP, "record " + i + " of the ledger topic repeats seq " + record.seq()
                        + " with another entry: " + record.entry() + " after " + first));
            }
            if (first == null && record.seq() != seen.size()) {
                return List.of(Violation.of(LEDGER_GAP, "record " + i + " of the ledger topic has seq " + record.seq()
                        + " where " + seen.size() + " was due" + (record.seq() > seen.size() ? " (a gap)" : " (out of order)")));
            }
        }
        return List.of();
    }

    static List<Violation> capturedOnce(List<EndState.CapturedRow> rows) {
        return rows.stream().filter(row -> row.copiesOnMaster() != 1 || row.leftLocally() || !row.ownerKeptAtHome())
                .map(row -> Violation.of(CAPTURED_ONCE, row.table() + " row " + row.key() + " of platform "
                        + row.platform() + ": " + row.copiesOnMaster() + " on the master"
                        + (row.leftLocally() ? ", still in the platform's table" : "")
                        + (row.ownerKeptAtHome() ? "" : ", its owner " + row.owner() + " no longer read on its platform")))
                .toList();
    }

    static List<Violation> replicasEqual(String masterView, Map<Integer, String> replicaViews) {
        return replicaViews.entrySet().stream().filter(view -> !Objects.equals(view.getValue(), masterView))
                .map(view -> Violation.of(REPLICA_EQUAL, "platform " + view.getKey() + " reads "
                        + firstDifference(masterView, view.getValue())))
                .toList();
    }

    static List<Violation> agentsActive(Map<Integer, String> states) {
        return states.entrySet().stream().filter(state -> !"active".equals(state.getValue()))
                .map(state -> Violation.of(AGENT_ACTIVE, "platform " + state.getKey() + " is " + state.getValue()))
                .toList();
    }

    /**
     * No owner name, of a client's allocation or of an address the platform wrote itself, is a
     * value anywhere outside its platform.
     */
    static List<Violation> ownersStayHome(List<Request> history, List<EndState.CapturedRow> captured,
                                          Map<Integer, List<String>> foreignViews) {
        Map<String, Set<String>> valuesOf = new HashMap<>();
        Map<String, Integer> owners = new LinkedHashMap<>();
        history.stream().filter(request -> request.owner() != null)
                .forEach(request -> owners.put(request.owner(), request.platform()));
        captured.stream().filter(row -> row.owner() != null).forEach(row -> owners.put(row.owner(), row.platform()));
        List<Violation> violations = new ArrayList<>();
        owners.forEach((owner, platform) -> {
            boolean outside = foreignViews.getOrDefault(platform, List.of()).stream()
                    .anyMatch(view -> valuesOf.computeIfAbsent(view, HistoryChecker::stringValues).contains(owner));
            if (outside) {
                Request[] requests = history.stream().filter(request -> owner.equals(request.owner()))
                        .toArray(Request[]::new);
                violations.add(Violation.of(OWNER_LEAKED, "owner " + owner + " of platform " + platform
                        + " is readable outside it", requests));
            }
        });
        return violations;
    }

    static List<Violation> noOwnerOnTheMaster(long ownerTextsOnMaster) {
        return ownerTextsOnMaster == 0 ? List.of() : List.of(Violation.of(OWNER_LEAKED, ownerTextsOnMaster
                + " value(s) in the master's database hold an owner name (" + EndState.OWNER_MARK + ")"));
    }

    /** Every JSON string in a text of JSON documents: an owner that left its platform is one of them. */
    private static Set<String> stringValues(String json) {
        return JSON_STRING.matcher(json).results().map(match -> match.group(1)).collect(Collectors.toSet());
    }

    private static String firstDifference(String expected, String actual) {
        String left = expected == null ? "" : expected;
        String right = actual == null ? "" : actual;
        int at = 0;
        while (at < left.length() && at < right.length() && left.charAt(at) == right.charAt(at)) {
            at++;
        }
        return "differently from the master at character " + at + ": master '" + excerpt(left, at) + "', replica '"
                + excerpt(right, at) + "'";
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 40));
    }
}
