package org.ipledger.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HistoryCheckerTests {

    private static final String MASTER_VIEW = "[10.0.0.1 allocated, 10.0.0.2 allocated]";

    @Test
    void aCleanHistoryHasNoViolation() {
        List<Request> history = List.of(allocated("r1", 1, 0, 10, "10.0.0.1"), allocated("r2", 2, 5, 15, "10.0.0.2"));

        assertThat(HistoryChecker.check(history, endState(history, ledger(1, 2)))).isEmpty();
    }

    @Test
    void namesADuplicateALostAnswerAndAGap() {
        Request first = allocated("r1", 1, 0, 10, "10.0.0.1");
        Request duplicate = allocated("r2", 2, 20, 30, "10.0.0.1");
        Request lost = new Request("r3", 1, Request.Kind.ALLOCATE, 7, null, null,
                List.of(Attempt.lost(40, 45), new Attempt(50, 60, 503, "master_unreachable", List.of())), true);
        List<Request> history = List.of(first, duplicate, lost);

        List<Violation> violations = HistoryChecker.check(history, endState(List.of(first), ledger(1, 2, 4)));

        assertThat(violations).extracting(Violation::promise).containsExactly(HistoryChecker.HELD_TWICE,
                HistoryChecker.LOST_ANSWER, HistoryChecker.LEDGER_GAP);
        assertThat(violations.get(0).what()).contains("10.0.0.1", "r1", "r2");
        assertThat(violations.get(0).requests()).containsExactly(first, duplicate);
        assertThat(violations.get(1).what()).contains("r3", "2 attempt(s)", "kept retrying");
        assertThat(violations.get(2).what()).contains("seq 4 where 3 was due", "gap");
    }

    @Test
    void anAddressReleasedBetweenTwoAllocationsMayBeHandedOutAgain() {
        List<Request> history = List.of(allocated("r1", 1, 0, 10, "10.0.0.1"),
                released("r2", 1, 12, 18, "10.0.0.1"), allocated("r3", 2, 15, 25, "10.0.0.1"));

        assertThat(HistoryChecker.noAddressHeldTwice(history)).isEmpty();
    }

    @Test
    void aReleaseNeverAnsweredMayHaveFreedTheAddressButARefusedOneDidNot() {
        Request unanswered = new Request("r2", 1, Request.Kind.RELEASE, 7, "10.0.0.1", null,
                List.of(Attempt.lost(12, 14), new Attempt(15, 18, 503, "master_unreachable", List.of())), true);
        Request refused = new Request("r2", 1, Request.Kind.RELEASE, 7, "10.0.0.1", null,
                List.of(new Attempt(12, 18, 403, "forbidden", List.of())), false);

        assertThat(HistoryChecker.noAddressHeldTwice(List.of(allocated("r1", 1, 0, 10, "10.0.0.1"), unanswered,
                allocated("r3", 2, 20, 25, "10.0.0.1")))).isEmpty();
        assertThat(HistoryChecker.noAddressHeldTwice(List.of(allocated("r1", 1, 0, 10, "10.0.0.1"), refused,
                allocated("r3", 2, 20, 25, "10.0.0.1")))).extracting(Violation::promise)
                .containsExactly(HistoryChecker.HELD_TWICE);
    }

    @Test
    void aReleaseAnsweredBeforeTheFirstAllocationWasSentDoesNotExcuseADuplicate() {
        List<Request> history = List.of(released("r0", 1, 0, 5, "10.0.0.1"),
                allocated("r1", 1, 10, 20, "10.0.0.1"), allocated("r2", 2, 30, 40, "10.0.0.1"));

        assertThat(HistoryChecker.noAddressHeldTwice(history)).extracting(Violation::promise)
                .containsExactly(HistoryChecker.HELD_TWICE);
    }

    @Test
    void aRetryAnsweredDifferentlyIsNamed() {
        Request request = new Request("r1", 1, Request.Kind.ALLOCATE, 7, null, null, List.of(
                new Attempt(0, 10, 201, null, List.of("10.0.0.1")), new Attempt(20, 30, 201, null, List.of("10.0.0.2"))),
                false);

        assertThat(HistoryChecker.sameAnswerOnRetry(List.of(request))).singleElement()
                .satisfies(violation -> assertThat(violation.what()).contains("10.0.0.1", "10.0.0.2"));
    }

    @Test
    void anAllocationStoredOnTheMasterForARequestNeverAnsweredIsNamed() {
        Request unanswered = new Request("r1", 1, Request.Kind.ALLOCATE, 7, null, null,
                List.of(Attempt.lost(0, 10)), true);

        assertThat(HistoryChecker.nothingAllocatedWithoutAnswer(List.of(unanswered),
                List.of(new EndState.MasterAddress("10.0.0.9", "r1", "p1")))).singleElement()
                .satisfies(violation -> assertThat(violation.what()).contains("10.0.0.9", "r1", "no answer"));
    }

    @Test
    void aTailSentAgainAfterACrashIsNoViolation() {
        assertThat(HistoryChecker.ledgerGapFree(ledger(1, 2, 3, 2, 3, 4))).isEmpty();
    }

    @Test
    void aSeqRepeatedWithAnotherEntryIsNamed() {
        List<EndState.LedgerRecord> ledger = new ArrayList<>(ledger(1, 2));
        ledger.add(new EndState.LedgerRecord(2, "another entry"));

        assertThat(HistoryChecker.ledgerGapFree(ledger)).singleElement()
                .satisfies(violation -> assertThat(violation.what()).contains("repeats seq 2 with another entry"));
    }

    @Test
    void aCapturedRowTwiceOnTheMasterOrLeftLocallyIsNamed() {
        assertThat(HistoryChecker.capturedOnce(List.of(EndState.CapturedRow.of(1, "ipnet", "10.9.0.0/24", 2, false),
                EndState.CapturedRow.of(2, "ippool", "p2-pool-4", 0, false),
                new EndState.CapturedRow(2, "ip", "10.9.1.5", 1, true, "p2-vm-local-5", true),
                new EndState.CapturedRow(2, "ip", "10.9.1.6", 1, false, "p2-vm-local-6", true),
                new EndState.CapturedRow(2, "ip", "10.9.1.7", 1, false, "p2-vm-local-7", false))))
                .extracting(Violation::what)
                .containsExactly("ipnet row 10.9.0.0/24 of platform 1: 2 on the master",
                        "ippool row p2-pool-4 of platform 2: 0 on the master",
                        "ip row 10.9.1.5 of platform 2: 1 on the master, still in the platform's table",
                        "ip row 10.9.1.7 of platform 2: 1 on the master, its owner p2-vm-local-7 no longer read on its platform");
    }

    @Test
    void aReplicaBehindTheMasterAnAgentNotActiveAndALeakedOwnerAreNamed() {
        Request owned = new Request("r1", 1, Request.Kind.ALLOCATE, 7, null, "vm-p1-17",
                List.of(new Attempt(0, 10, 201, null, List.of("10.0.0.1"))), false);

        assertThat(HistoryChecker.replicasEqual(MASTER_VIEW, Map.of(2, "[10.0.0.1 allocated]")))
                .singleElement().satisfies(violation -> assertThat(violation.what()).contains("platform 2"));
        assertThat(HistoryChecker.agentsActive(Map.of(1, "active", 2, "failed"))).extracting(Violation::what)
                .containsExactly("platform 2 is failed");
        assertThat(HistoryChecker.ownersStayHome(List.of(owned), List.of(), Map.of(1, List.of("{\"owner\":\"vm-p1-17\"}"))))
                .singleElement().satisfies(violation -> assertThat(violation.what()).contains("vm-p1-17"));
    }

    @Test
    void theOwnerOfAnAddressAPlatformWroteItselfReadableOnAnotherPlatformOrStoredOnTheMasterIsNamed() {
        EndState.CapturedRow captured = new EndState.CapturedRow(2, "ip", "10.9.1.5", 1, false, "p2-vm-local-5", true);
        List<String> outsidePlatform2 = List.of("{\"address\":\"10.9.1.5\",\"status\":\"allocated\"}",
                "{\"address\":\"10.9.1.5\",\"owner\":\"p2-vm-local-5\"}");

        assertThat(HistoryChecker.ownersStayHome(List.of(), List.of(captured), Map.of(2, outsidePlatform2)))
                .singleElement().satisfies(violation -> assertThat(violation.what()).contains("p2-vm-local-5", "platform 2"));
        assertThat(HistoryChecker.ownersStayHome(List.of(), List.of(captured), Map.of(2, outsidePlatform2.subList(0, 1))))
                .isEmpty();
        assertThat(HistoryChecker.noOwnerOnTheMaster(3)).extracting(Violation::promise)
                .containsExactly(HistoryChecker.OWNER_LEAKED);
    }

    private static Request allocated(String id, int platform, long sent, long answered, String address) {
        return new Request(id, platform, Request.Kind.ALLOCATE, 7, null, null,
                List.of(new Attempt(sent, answered, 201, null, List.of(address))), false);
    }

    private static Request released(String id, int platform, long sent, long answered, String address) {
        return new Request(id, platform, Request.Kind.RELEASE, 7, address, null,
                List.of(new Attempt(sent, answered, 204, null, List.of())), false);
    }

    private static List<EndState.LedgerRecord> ledger(long... seqs) {
        return Arrays.stream(seqs).mapToObj(seq -> new EndState.LedgerRecord(seq, "entry " + seq)).toList();
    }

    private static EndState endState(List<Request> stored, List<EndState.LedgerRecord> ledger) {
        List<EndState.MasterAddress> rows = stored.stream().flatMap(request -> request.held().stream()
                .map(address -> new EndState.MasterAddress(address, request.requestId(), "p" + request.platform())))
                .toList();
        return new EndState(rows, ledger, MASTER_VIEW, Map.of(1, MASTER_VIEW, 2, MASTER_VIEW),
                Map.of(1, "active", 2, "active"), List.of(), Map.of(), 0);
    }
}
