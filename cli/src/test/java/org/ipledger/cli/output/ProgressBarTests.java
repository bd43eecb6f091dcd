package org.ipledger.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTests {

    @Test
    void barShowsTheShareDoneAndTheRows() {
        assertThat(ProgressBar.bar(500, 1000)).isEqualTo("[" + "#".repeat(15) + "-".repeat(15) + "]  50%  500/1000 rows");
    }

    @Test
    void withoutATerminalEachChangeIsALineAndRepeatsAreNot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar progress = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), false);

        progress.show("connecting", 0, 0);
        progress.show("migrating", 0, 200);
        progress.show("migrating", 0, 200);
        progress.show("migrating", 200, 200);
        progress.show("active", 0, 0);
        progress.finish();

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("connecting",
                "[" + "-".repeat(30) + "]   0%  0/200 rows  migrating",
                "[" + "#".repeat(30) + "] 100%  200/200 rows  migrating", "active");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar progress = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), true);

        progress.show("migrating", 1, 2);
        progress.show("active", 0, 0);
        progress.finish();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("\r[").contains("\ractive ").endsWith("\n")
                .doesNotContain("\n[");
    }
}
