package org.ipledger.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class IdRunTests {

    private static final List<IdRun> RUNS = List.of(new IdRun(1, 10), new IdRun(20, 30), new IdRun(40, 40));

    @Test
    void betweenCutsTheRunsAtBothEnds() {
        assertThat(IdRun.between(RUNS, 5, 25)).containsExactly(new IdRun(6, 10), new IdRun(20, 25));
    }

    @Test
    void betweenKeepsWholeRunsInsideAndDropsThoseOutside() {
        assertThat(IdRun.between(RUNS, 10, Long.MAX_VALUE)).containsExactly(new IdRun(20, 30), new IdRun(40, 40));
        assertThat(IdRun.between(RUNS, 0, 0)).isEmpty();
        assertThat(IdRun.between(RUNS, 40, Long.MAX_VALUE)).isEmpty();
    }
}
