package org.ipledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * A test reserves a port for a service it starts later, and an embedded broker started in between
 * asks for ports too: the kernel would readily give it the same one again.
 */
class LoopbackTests {

    @Test
    void neverHandsOutTheSamePortTwiceInOneJvm() {
        int[] ports = IntStream.range(0, 500).map(i -> Loopback.freePort()).toArray();

        assertThat(ports).doesNotHaveDuplicates();
    }
}
