package org.ipledger.e2e.faults;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What a fault run prints: the seed that replays it, the schedule as it happened with each
 * platform's recovery after each fault, the counts, and the first violation with the history
 * around it.
 */
final class FaultRunReport {

    /** Requests shown around a violation: those of its platforms answered this close to it. */
    private static final long CONTEXT_MS = 2_000;
    private static final int CONTEXT_LINES = 25;

    private FaultRunReport() {
    }

    static String render(long seed, long runMs, boolean brokerApart, List<FaultRunner.Outcome> outcomes,
                         List<Request> history, List<LocalWriter.Write> writes, List<Violation> violations) {
        StringBuilder report = new StringBuilder();
        report.append("fault run: seed ").append(seed).append(", ").append(runMs / 1000).append(" s of load, ")
                .append(brokerApart ? "broker in a process of its own" : "broker in the master's process")
                .append(" (replay: -Dipledger.faultrun.seed=").append(seed).append(" -Dipledger.faultrun.seconds=")
                .append(runMs / 1000).append(brokerApart ? " -Dipledger.faultrun.broker=separate" : "")
                .append(")\n\nschedule (recovery: each platform's first answered write after the node was back)\n");
        for (FaultRunner.Outcome outcome : outcomes) {
            report.append("  ").append(outcome.fault()).append(String.format("  back at %6.1f s, recovery: %s%n",
                    outcome.backAt() / 1000.0, recovery(outcome, outcomes, history)));
        }
        report.append("\nrequests\n");
        Map<Request.Kind, List<Request>> byKind = history.stream().collect(Collectors.groupingBy(Request::kind));
        byKind.forEach((kind, requests) -> report.append(String.format("  %-8s %6d: %d ok, %d refused %s, %d unanswered%n",
                kind.name().toLowerCase(), requests.size(),
                requests.stream().filter(r -> r.answer().filter(Attempt::ok).isPresent()).count(),
                requests.stream().filter(r -> r.answer().filter(a -> !a.ok()).isPresent()).count(),
                refusals(requests), requests.stream().filter(r -> r.answer().isEmpty()).count())));
        List<Attempt> attempts = history.stream().flatMap(r -> r.attempts().stream()).toList();
        report.append(String.format("  attempts %d: %d answered 503 (slowest in %d ms; %d ms of those whose own agent "
                        + "was not faulted meanwhile), %d lost connections, %d retried requests%n",
                attempts.size(), attempts.stream().filter(a -> a.status() == 503).count(),
                slowest503(history, outcomes, false), slowest503(history, outcomes, true),
                attempts.stream().filter(a -> a.status() == 0).count(),
                history.stream().filter(r -> r.attempts().size() > 1).count()));
        report.append(String.format("  local writes %d, each a network, a pool, a range and an owned address (%d uncertain)%n",
                writes.size(),
                writes.stream().filter(w -> !w.certain()).count()));
        report.append("\nchecker: ").append(violations.isEmpty() ? "no violation" : violations.size() + " violation(s)").append('\n');
        violations.stream().limit(10).forEach(v -> report.append("  ").append(v).append('\n'));
        if (!violations.isEmpty()) {
            report.append("\nhistory around the first violation\n");
            context(violations.get(0), history).forEach(r -> report.append("  ").append(r).append('\n'));
        }
        return report.toString();
    }

    /**
     * How long the slowest 503 took. An agent frozen or killed while a request waits cannot
     * answer within any bound; {@code ownAgentUp} leaves those attempts out, to show the bound the
     * agent itself keeps while the master or broker is away.
     */
    private static long slowest503(List<Request> history, List<FaultRunner.Outcome> outcomes, boolean ownAgentUp) {
        return history.stream().flatMap(r -> r.attempts().stream().filter(a -> a.status() == 503)
                        .filter(a -> !ownAgentUp || outcomes.stream().noneMatch(o -> o.fault().node().equals("agent-" + r.platform())
                                && o.startedAt() < a.completedAt() && o.backAt() > a.invokedAt())))
                .mapToLong(a -> a.completedAt() - a.invokedAt()).max().orElse(0);
    }

    /**
     * Each platform's first answered write after the node was back. A platform whose own agent,
     * or the master or broker every platform writes through, was down again before that (or still,
     * faulted at the same moment) is left out: its wait belongs to that fault (a late schedule runs
     * its faults back to back).
     */
    private static String recovery(FaultRunner.Outcome outcome, List<FaultRunner.Outcome> outcomes, List<Request> history) {
        Map<Integer, OptionalLong> firstOk = history.stream().collect(Collectors.groupingBy(Request::platform,
                Collectors.collectingAndThen(Collectors.toList(), requests -> requests.stream()
                        .flatMap(r -> r.attempts().stream()).filter(Attempt::ok)
                        .mapToLong(Attempt::completedAt).filter(t -> t >= outcome.backAt()).min())));
        StringBuilder recovery = new StringBuilder();
        long nextSharedFault = nextFault(outcome, outcomes, List.of("master", FaultSchedule.BROKER));
        firstOk.forEach((platform, at) -> {
            long nextOwnFault = nextFault(outcome, outcomes, List.of("agent-" + platform));
            recovery.append(" p").append(platform).append(' ');
            if (at.isPresent() && at.getAsLong() <= Math.min(nextOwnFault, nextSharedFault)) {
                recovery.append(String.format("%.1f s", (at.getAsLong() - outcome.backAt()) / 1000.0));
            } else if (nextOwnFault < Long.MAX_VALUE || nextSharedFault < Long.MAX_VALUE) {
                recovery.append(nextOwnFault <= nextSharedFault ? "(its agent down meanwhile)" : "(the master or broker down meanwhile)");
            } else {
                recovery.append("none");
            }
        });
        return recovery.toString().trim();
    }

    /**
     * From when, after the outcome's node was back, one of these nodes was down: at once if one
     * faulted at the same moment or before is not back yet, else when the next fault began;
     * {@code Long.MAX_VALUE} if none was.
     */
    private static long nextFault(FaultRunner.Outcome outcome, List<FaultRunner.Outcome> outcomes, List<String> nodes) {
        return outcomes.stream().filter(o -> o != outcome && nodes.contains(o.fault().node()))
                .filter(o -> o.backAt() > outcome.backAt()).mapToLong(o -> Math.max(o.startedAt(), outcome.backAt()))
                .min().orElse(Long.MAX_VALUE);
    }

    private static String refusals(List<Request> requests) {
        Map<String, Long> codes = requests.stream().map(Request::answer).flatMap(Optional::stream)
                .filter(a -> !a.ok()).collect(Collectors.groupingBy(Attempt::code, Collectors.counting()));
        return codes.isEmpty() ? "" : codes.toString();
    }

    private static List<Request> context(Violation violation, List<Request> history) {
        if (violation.requests().isEmpty()) {
            return List.of();
        }
        long from = violation.requests().stream().mapToLong(Request::firstInvokedAt).min().orElse(0) - CONTEXT_MS;
        long to = violation.requests().stream().mapToLong(r -> Math.min(r.answeredAt(), r.firstInvokedAt() + 60_000))
                .max().orElse(0) + CONTEXT_MS;
        List<Integer> platforms = violation.requests().stream().map(Request::platform).distinct().toList();
        return history.stream().filter(r -> platforms.contains(r.platform()))
                .filter(r -> r.firstInvokedAt() <= to && r.answeredAt() >= from)
                .sorted(Comparator.comparingLong(Request::firstInvokedAt)).limit(CONTEXT_LINES).toList();
    }
}
