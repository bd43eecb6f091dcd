package org.ipledger.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.ipledger.addressing.ServiceAddresses;
import org.junit.jupiter.api.Test;

class FreeSpaceIndexTests {

    @Test
    void lowestFreeSkipsNetworkBroadcastAndGateway() {
        FreeSpaceIndex index = index("10.0.0.0/29", "10.0.0.1", range("10.0.0.0", "10.0.0.7"));

        assertThat(takeAll(index)).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6");
    }

    @Test
    void releasedAddressIsTheNextOneTaken() {
        FreeSpaceIndex index = index("10.0.0.0/24", null, range("10.0.0.10", "10.0.0.20"));
        takeAll(index);

        index.rangeOf(ip("10.0.0.15")).orElseThrow().markFree(ip("10.0.0.15"));

        assertThat(take(index)).contains("10.0.0.15");
        assertThat(take(index)).isEmpty();
    }

    @Test
    void serviceAddressesStayUsedWhenReleased() {
        FreeSpaceIndex index = index("10.0.0.0/30", null, range("10.0.0.0", "10.0.0.3"));
        RangeSpace range = index.rangeOf(ip("10.0.0.0")).orElseThrow();

        range.markFree(ip("10.0.0.0"));

        assertThat(range.isService(ip("10.0.0.0"))).isTrue();
        assertThat(takeAll(index)).containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void slash31AndSlash32HaveNoServiceAddresses() {
        assertThat(takeAll(index("10.0.0.0/31", null, range("10.0.0.0", "10.0.0.1")))).containsExactly("10.0.0.0", "10.0.0.1");
        assertThat(takeAll(index("10.0.0.9/32", null, range("10.0.0.9", "10.0.0.9")))).containsExactly("10.0.0.9");
    }

    @Test
    void rangesAreFilledInAddressOrder() {
        FreeSpaceIndex index = index("10.0.0.0/24", null, range("10.0.0.200", "10.0.0.201"), range("10.0.0.100", "10.0.0.100"));

        assertThat(takeAll(index)).containsExactly("10.0.0.100", "10.0.0.200", "10.0.0.201");
    }

    @Test
    void ipv6SlashSixtyFourAllocatesFromTheBottomAndSkipsSubnetRouterAnycast() {
        FreeSpaceIndex index = index("2001:db8::/64", null, range("2001:db8::", "2001:db8::ffff:ffff:ffff:ffff"));

        assertThat(take(index)).contains("2001:db8::1");
        assertThat(take(index)).contains("2001:db8::2");
    }

    @Test
    void ipv6OffsetsAbove2To32And2To63AreFound() {
        FreeSpaceIndex index = index("2001:db8::/64", null, range("2001:db8::", "2001:db8::ffff:ffff:ffff:ffff"));
        RangeSpace range = index.rangeOf(ip("2001:db8::")).orElseThrow();
        IPAddress high = ip("2001:db8::8000:0:0:5");
        IPAddress last = ip("2001:db8::ffff:ffff:ffff:ffff");

        range.markUsed(high);
        range.markUsed(last);

        assertThat(range.isUsed(high)).isTrue();
        assertThat(range.isUsed(last)).isTrue();
        assertThat(range.isUsed(ip("2001:db8::8000:0:0:4"))).isFalse();
        assertThat(range.addressAt(range.offsetOf(last))).isEqualTo(last);
    }

    @Test
    void fullBlocksOf2To32AreSkippedWithoutScanning() {
        UsedOffsets used = new UsedOffsets();
        for (long offset = 0; offset < 70_000; offset++) {
            used.add(offset);
        }

        assertThat(used.nextFree(0, Long.MAX_VALUE)).hasValue(70_000);
        assertThat(used.nextFree(0, 69_999)).isEmpty();
        assertThat(used.nextFree(-2, -1)).hasValue(-2);
    }

    @Test
    void theRangeOfAnAddressIsFoundAmongManyRangesOfBothFamilies() {
        List<String[]> ranges = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ranges.add(range("10.0." + i + ".10", "10.0." + i + ".20"));
        }
        ranges.add(range("2001:db8::10", "2001:db8::20"));
        FreeSpaceIndex index = index("0.0.0.0/0", null, ranges.toArray(String[][]::new));

        assertThat(index.rangeOf(ip("10.0.150.15")).orElseThrow().start()).isEqualTo(ip("10.0.150.10"));
        assertThat(index.rangeOf(ip("10.0.150.21"))).isEmpty();
        assertThat(index.rangeOf(ip("10.0.0.9"))).isEmpty();
        assertThat(index.rangeOf(ip("2001:db8::15")).orElseThrow().start()).isEqualTo(ip("2001:db8::10"));
        assertThat(index.rangeOf(ip("2001:db8::21"))).isEmpty();
    }

    @Test
    void exhaustedPoolHasNoFreeAddress() {
        FreeSpaceIndex index = index("10.0.0.0/30", null, range("10.0.0.1", "10.0.0.2"));
        takeAll(index);

        assertThat(index.lowestFree()).isEmpty();
        assertThat(index.usedCount()).isEqualTo(2);
    }

    private static List<String> takeAll(FreeSpaceIndex index) {
        List<String> taken = new ArrayList<>();
        for (Optional<String> next = take(index); next.isPresent(); next = take(index)) {
            taken.add(next.get());
        }
        return taken;
    }

    private static Optional<String> take(FreeSpaceIndex index) {
        return index.lowestFree().map(slot -> {
            slot.range().markUsed(slot.address());
            return slot.address().toCanonicalString();
        });
    }

    private static FreeSpaceIndex index(String network, String gateway, String[]... ranges) {
        IPAddress block = new IPAddressString(network).getAddress();
        List<RangeSpace> spaces = new ArrayList<>();
        long id = 1;
        for (String[] range : ranges) {
            RangeSpace space = new RangeSpace(id++, 1, ip(range[0]), ip(range[1]));
            ServiceAddresses.of(block, gateway).forEach(space::markService);
            spaces.add(space);
        }
        return new FreeSpaceIndex(1, spaces, 0, 0);
    }

    private static String[] range(String start, String end) {
        return new String[] {start, end};
    }

    private static IPAddress ip(String text) {
        return new IPAddressString(text).getAddress();
    }
}
