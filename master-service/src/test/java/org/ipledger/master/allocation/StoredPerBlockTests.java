package org.ipledger.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.ServiceAddresses;
import org.junit.jupiter.api.Test;

class StoredPerBlockTests {

    private static final long NETWORK = 1;

    @Test
    void usedOffsetsAreCountedAcrossBitmapsOf2To32() {
        UsedOffsets used = new UsedOffsets();
        for (long offset = 0; offset < 10; offset++) {
            used.add(offset);
        }
        used.add((1L << 32) - 1);
        used.add(1L << 32);
        used.add((1L << 32) + 5);
        used.add(-1);

        assertThat(used.count(0, -1)).isEqualTo(14);
        assertThat(used.count(5, 1L << 32)).isEqualTo(7);
        assertThat(used.count(10, (1L << 32) - 2)).isZero();
        assertThat(used.count(-1, -1)).isEqualTo(1);
        assertThat(used.count((1L << 32) + 1, Long.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void blocksCountStoredAddressesButNotServiceOnes() {
        RangeSpace range = range(NETWORK, "10.0.0.0", "10.0.0.255", "10.0.0.0/24", "10.0.0.1");
        for (int host = 2; host <= 10; host++) {
            range.markUsed(ip("10.0.0." + host));
        }
        range.markUsed(ip("10.0.0.100"));
        FreeSpaceIndex index = new FreeSpaceIndex(1, List.of(range), 0, 0);

        long[] counts = index.storedPerBlock(NETWORK, value("10.0.0.0"), 4, 16);

        assertThat(counts[0]).isEqualTo(9);
        assertThat(counts[6]).isEqualTo(1);
        assertThat(counts[15]).isZero();
        assertThat(sum(counts)).isEqualTo(10).isEqualTo(index.usedCount());
    }

    @Test
    void rangesAreCutAtBlockEdgesAndRangesOfOtherNetworksLeftOut() {
        RangeSpace first = range(NETWORK, "10.0.0.10", "10.0.0.20", "10.0.0.0/24", null);
        RangeSpace second = range(NETWORK, "10.0.0.30", "10.0.0.40", "10.0.0.0/24", null);
        RangeSpace elsewhere = range(2, "10.0.1.0", "10.0.1.255", "10.0.1.0/24", null);
        for (int host = 10; host <= 20; host++) {
            first.markUsed(ip("10.0.0." + host));
            second.markUsed(ip("10.0.0." + (host + 20)));
            elsewhere.markUsed(ip("10.0.1." + host));
        }
        FreeSpaceIndex index = new FreeSpaceIndex(1, List.of(first, second, elsewhere), 0, 0);

        long[] counts = index.storedPerBlock(NETWORK, value("10.0.0.0"), 4, 16);

        // 10-15 | 16-20 and 30-31 | 32-40
        assertThat(counts).startsWith(6, 7, 9, 0);
        assertThat(sum(counts)).isEqualTo(22);
        assertThat(index.storedPerBlock(NETWORK, value("10.0.0.16"), 2, 2)).containsExactly(4, 1);
    }

    @Test
    void aSlashSixtyFourIsCountedInBlocksOf2To56WithoutVisitingFreeAddresses() {
        RangeSpace range = range(NETWORK, "2001:db8::", "2001:db8::ffff:ffff:ffff:ffff", "2001:db8::/64", null);
        for (int host = 1; host <= 1000; host++) {
            range.markUsed(ip("2001:db8::" + Integer.toHexString(host)));
        }
        range.markUsed(ip("2001:db8::ff00:0:0:1"));
        range.markUsed(ip("2001:db8::ffff:ffff:ffff:ffff"));
        FreeSpaceIndex index = new FreeSpaceIndex(1, List.of(range), 0, 0);

        long[] counts = index.storedPerBlock(NETWORK, value("2001:db8::"), 56, 256);

        assertThat(counts[0]).isEqualTo(1000);
        assertThat(counts[255]).isEqualTo(2);
        assertThat(sum(counts)).isEqualTo(1002);
        assertThat(index.storedPerBlock(NETWORK, value("2001:db8::"), 64, 1)).containsExactly(1002);
    }

    private static RangeSpace range(long network, String start, String end, String cidr, String gateway) {
        RangeSpace range = new RangeSpace(network, network, ip(start), ip(end));
        ServiceAddresses.of(new IPAddressString(cidr).getAddress(), gateway).forEach(range::markService);
        return range;
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    private static BigInteger value(String address) {
        return AddressKey.value(ip(address));
    }

    private static IPAddress ip(String text) {
        return new IPAddressString(text).getAddress();
    }
}
