package org.ipledger.master.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateChartTests {

    private static final LocalDateTime NOON = LocalDateTime.of(2026, 1, 1, 12, 0);

    @Test
    void theBusiestMinuteIsFullHeightAndTheOthersInProportionStandingOnTheBaseline() {
        RateChart chart = RateChart.of(List.of(new LedgerRate.Minute(NOON, 50), new LedgerRate.Minute(NOON.plusMinutes(1), 200)));

        assertThat(chart.busiest()).isEqualTo(200);
        assertThat(chart.total()).isEqualTo(250);
        assertThat(chart.bars()).extracting(RateChart.Bar::minute, RateChart.Bar::height, RateChart.Bar::y)
                .containsExactly(tuple("12:00", 30, 90), tuple("12:01", 120, 0));
        assertThat(chart.bars().get(1).x()).isEqualTo(RateChart.WIDTH / 2);
    }

    @Test
    void aSingleEntryBesideAMillionStillShowsAndAnIdleMinuteDoesNot() {
        RateChart chart = RateChart.of(List.of(new LedgerRate.Minute(NOON, 1), new LedgerRate.Minute(NOON.plusMinutes(1), 1_000_000),
                new LedgerRate.Minute(NOON.plusMinutes(2), 0)));

        assertThat(chart.bars()).extracting(RateChart.Bar::height).containsExactly(1, 120, 0);
    }

    @Test
    void anIdleLedgerHasOnlyEmptyBars() {
        RateChart chart = RateChart.of(List.of(new LedgerRate.Minute(NOON, 0), new LedgerRate.Minute(NOON.plusMinutes(1), 0)));

        assertThat(chart.busiest()).isZero();
        assertThat(chart.bars()).extracting(RateChart.Bar::height).containsOnly(0);
    }
}
