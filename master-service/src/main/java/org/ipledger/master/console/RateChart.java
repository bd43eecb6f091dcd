package org.ipledger.master.console;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's rate as bars of an inline SVG drawn on the server: one bar per minute, the busiest
 * minute full height, in a {@value #WIDTH} by {@value #HEIGHT} view box that the page scales.
 */
public record RateChart(List<Bar> bars, long busiest, long total) {

    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    private static final int GAP = 2;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    /** One minute's bar; {@code minute} is its start, UTC. */
    public record Bar(String minute, long entries, int x, int y, int width, int height) {
    }

    static RateChart of(List<LedgerRate.Minute> minutes) {
        long busiest = minutes.stream().mapToLong(LedgerRate.Minute::entries).max().orElse(0);
        long total = minutes.stream().mapToLong(LedgerRate.Minute::entries).sum();
        int slot = minutes.isEmpty() ? WIDTH : WIDTH / minutes.size();
        List<Bar> bars = new ArrayList<>(minutes.size());
        for (int i = 0; i < minutes.size(); i++) {
            long entries = minutes.get(i).entries();
            // A minute with any entry gets at least a pixel, so a quiet minute is told from an idle one.
            int height = busiest == 0 || entries == 0 ? 0 : (int) Math.max(1, entries * HEIGHT / busiest);
            bars.add(new Bar(minutes.get(i).start().format(MINUTE), entries, i * slot, HEIGHT - height, slot - GAP, height));
        }
        return new RateChart(bars, busiest, total);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }
}
