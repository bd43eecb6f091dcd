package org.ipledger.master.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.AddressSyntax;
import org.ipledger.master.allocation.AddressStatus;
import org.ipledger.master.changes.AddressSpace.NetworkSpan;
import org.ipledger.master.changes.AddressSpace.RangeSpan;
import org.ipledger.master.changes.AddressSpace.Ref;
import org.junit.jupiter.api.Test;

class SpaceCheckTests {

    private static final String PLATFORM = "platform-a";
    private static final String OTHER = "platform-b";

    private final SpaceCheck check = new SpaceCheck();

    @Test
    void aNewNetworkInFreeSpaceIsAcceptedWithoutConflictOrMerge() {
        SpaceCheck.StructureReport report = structure(networks(localNetwork(1, "10.1.0.0/24", "vm net")), master());

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.merges()).isEmpty();
        assertThat(report.reclaimed().networks()).isEmpty();
    }

    @Test
    void aNetworkIdenticalToAnotherPlatformsMergesIntoIt() {
        SpaceCheck.StructureReport report = structure(networks(localNetwork(1, "10.1.0.0/24", "shared")),
                master(masterNetwork(70, "10.1.0.0/24", "shared", OTHER)));

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.merges()).containsExactly(Map.entry(1L, 70L));
    }

    @Test
    void thePlatformsOwnIdenticalNetworkUnderANewLocalIdIsReclaimedNotMerged() {
        SpaceCheck.StructureReport report = structure(networks(localNetwork(5, "10.1.0.0/24", "mine")),
                master(masterNetwork(70, "10.1.0.0/24", "mine", PLATFORM)));

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.merges()).isEmpty();
        assertThat(report.reclaimed().networks()).containsExactly(Map.entry(5L, 70L));
    }

    @Test
    void theSameCidrWithAnotherNameIsAConflictSayingSo() {
        SpaceCheck.StructureReport report = structure(networks(localNetwork(1, "10.1.0.0/24", "mine")),
                master(masterNetwork(70, "10.1.0.0/24", "theirs", OTHER)));

        assertThat(report.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo("network_overlap");
            assertThat(conflict.master()).containsEntry("id", 70L).containsEntry("platformId", OTHER);
            assertThat(conflict.message()).contains("has the CIDR of master network 70")
                    .contains("different name, gateway or VLAN");
        });
    }

    @Test
    void aNetworkOverlappingAMasterNetworkIsAConflict() {
        SpaceCheck.StructureReport report = structure(networks(localNetwork(1, "10.1.0.0/16", "wide")),
                master(masterNetwork(70, "10.1.2.0/24", "narrow", OTHER)));

        assertThat(report.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo("network_overlap");
            assertThat(conflict.message()).contains("overlaps master network 70");
        });
    }

    @Test
    void twoLocalNetworksThatOverlapConflictWithEachOther() {
        SpaceCheck.StructureReport report = structure(
                networks(localNetwork(1, "10.1.0.0/16", "wide"), localNetwork(2, "10.1.4.0/24", "narrow")), master());

        assertThat(report.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo("network_overlap");
            assertThat(conflict.master()).isNull();
            assertThat(conflict.message()).contains("overlaps local network 1");
        });
    }

    @Test
    void aRangeOutsideItsNetworkIsAConflict() {
        LocalSpace local = new LocalSpace(List.of(localNetwork(1, "10.1.0.0/24", "net")), List.of(localPool(1)),
                List.of(localRange(1, 1, 1, "10.1.0.10", "10.1.1.10")), List.of());

        assertThat(structure(local, master()).conflicts()).singleElement()
                .satisfies(conflict -> assertThat(conflict.kind()).isEqualTo("range_outside_network"));
    }

    @Test
    void aRangeOfAPoolTheMasterHasNotReceivedIsAnUnknownRow() {
        LocalSpace local = new LocalSpace(List.of(localNetwork(1, "10.1.0.0/24", "net")), List.of(),
                List.of(localRange(1, 9, 1, "10.1.0.10", "10.1.0.20")), List.of());

        assertThat(structure(local, master()).conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo("unknown_row");
            assertThat(conflict.message()).contains("ippool 9");
        });
    }

    @Test
    void aRangeOverlappingAnotherPlatformsRangeInAMergedNetworkIsAConflict() {
        LocalSpace local = new LocalSpace(List.of(localNetwork(1, "10.1.0.0/24", "shared")), List.of(localPool(1)),
                List.of(localRange(1, 1, 1, "10.1.0.50", "10.1.0.150")), List.of());
        AddressSpace master = master(List.of(masterNetwork(70, "10.1.0.0/24", "shared", OTHER)),
                List.of(masterRange(80, 81, 70, "10.1.0.100", "10.1.0.200", OTHER)));

        assertThat(structure(local, master).conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo("range_overlap");
            assertThat(conflict.master()).containsEntry("id", 80L).containsEntry("poolId", 81L);
        });
    }

    @Test
    void eachAddressResolvesToItsNetworkAndThePoolOfItsRange() {
        AddressSpace space = master(List.of(masterNetwork(70, "10.1.0.0/24", "net", PLATFORM)),
                List.of(masterRange(80, 81, 70, "10.1.0.10", "10.1.0.200", PLATFORM)));
        RowMappings.Mapped mapped = RowMappings.Mapped.empty();
        mapped.pools().put(1L, 81L);

        SpaceCheck.AddressReport report = check.addresses(List.of(address("10.1.0.20", 1L), address("10.1.0.5", null)),
                Set.of(), mapped, space);

        assertThat(report.conflicts()).isEmpty();
        assertThat(report.resolved()).extracting(r -> r.row().address().toCanonicalString(), SpaceCheck.Resolved::network,
                SpaceCheck.Resolved::pool).containsExactly(
                        tuple("10.1.0.20", Ref.master(70), Optional.of(Ref.master(81))),
                        tuple("10.1.0.5", Ref.master(70), Optional.empty()));
    }

    @Test
    void anAddressInNoNetworkAServiceAddressAndOneOutsideItsPoolAreConflicts() {
        AddressSpace space = master(List.of(masterNetwork(70, "10.1.0.0/24", "net", PLATFORM)),
                List.of(masterRange(80, 81, 70, "10.1.0.10", "10.1.0.200", PLATFORM)));
        RowMappings.Mapped mapped = RowMappings.Mapped.empty();
        mapped.pools().put(1L, 81L);

        SpaceCheck.AddressReport report = check.addresses(List.of(address("10.9.0.1", null), address("10.1.0.255", null),
                address("10.1.0.220", 1L)), Set.of(), mapped, space);

        assertThat(report.resolved()).isEmpty();
        assertThat(report.conflicts()).extracting(Conflict::kind)
                .containsExactly("address_not_in_any_network", "service_address", "address_not_in_pool");
    }

    private SpaceCheck.StructureReport structure(LocalSpace local, AddressSpace master) {
        return check.structure(PLATFORM, local, RowMappings.Mapped.empty(), master);
    }

    private static LocalSpace networks(LocalSpace.Network... networks) {
        return new LocalSpace(List.of(networks), List.of(), List.of(), List.of());
    }

    private static LocalSpace.Network localNetwork(long id, String cidr, String name) {
        return new LocalSpace.Network(id, block(cidr), name, null, null, List.of(), null);
    }

    private static LocalSpace.Pool localPool(long id) {
        return new LocalSpace.Pool(id, "pool " + id, List.of(), null);
    }

    private static LocalSpace.Range localRange(long id, long poolId, long networkId, String start, String end) {
        return new LocalSpace.Range(id, poolId, Optional.of(networkId), ip(start), ip(end));
    }

    private static LocalSpace.Address address(String address, Long poolId) {
        return new LocalSpace.Address(Optional.empty(), ip(address), AddressStatus.ALLOCATED, Optional.ofNullable(poolId));
    }

    private static NetworkSpan masterNetwork(long id, String cidr, String name, String platformId) {
        return NetworkSpan.of(Ref.master(id), block(cidr), name, null, null, platformId);
    }

    private static RangeSpan masterRange(long id, long poolId, long networkId, String start, String end, String platformId) {
        return new RangeSpan(AddressKey.of(ip(start)), AddressKey.of(ip(end)), Ref.master(id), Ref.master(poolId),
                Ref.master(networkId), start + "-" + end, platformId);
    }

    private static AddressSpace master(NetworkSpan... networks) {
        return master(List.of(networks), List.of());
    }

    private static AddressSpace master(List<NetworkSpan> networks, List<RangeSpan> ranges) {
        return new AddressSpace(networks, ranges);
    }

    private static IPAddress block(String cidr) {
        return AddressSyntax.network("cidr", cidr);
    }

    private static IPAddress ip(String address) {
        return AddressSyntax.address("address", address);
    }
}
