package org.ipledger.master.console;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.ServiceAddresses;
import org.ipledger.master.allocation.StoredCounts;
import org.ipledger.master.network.Network;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The map of a network, or of one block inside it: one cell per address when the block has at
 * most 256 addresses (their at most 256 stored rows read), otherwise 256 sub-blocks with their
 * counts of stored addresses from {@link StoredCounts}: neither free addresses nor the stored rows
 * of a big block are listed.
 */
@Component
class AddressMap {

    /** Cells or sub-blocks per map: 16 by 16. */
    static final int WIDTH_BITS = 8;

    /** One address: its status and, when stored, the platform that owns it. */
    public record Cell(String address, String status, String platformId) {
    }

    /** One sub-block and how much of it is stored. */
    public record Block(String cidr, Usage usage) {
    }

    /** Either cells or blocks, for the scope shown. */
    public record View(String scope, List<Cell> cells, List<Block> blocks) {
    }

    private final JdbcClient jdbc;
    private final StoredCounts storedCounts;

    AddressMap(JdbcClient jdbc, StoredCounts storedCounts) {
        this.jdbc = jdbc;
        this.storedCounts = storedCounts;
    }

    View of(Network network, IPAddress scope) {
        int hostBits = scope.getBitCount() - scope.getPrefixLength();
        if (hostBits <= WIDTH_BITS) {
            return new View(scope.toCanonicalString(), cells(network, scope), List.of());
        }
        return new View(scope.toCanonicalString(), List.of(), blocks(network, scope, hostBits));
    }

    private List<Cell> cells(Network network, IPAddress scope) {
        Map<String, Cell> stored = new HashMap<>();
        jdbc.sql("SELECT addr, status, platform_id FROM ip WHERE ipnet = ? AND addr_bin BETWEEN ? AND ?")
                .params(network.id(), AddressKey.of(scope.getLower()), AddressKey.of(scope.getUpper()))
                .query((rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list().forEach(cell -> stored.put(cell.address(), cell));
        Set<String> service = ServiceAddresses.of(network.block(), network.gateway()).stream()
                .map(IPAddress::toCanonicalString).collect(Collectors.toSet());
        List<Cell> cells = new ArrayList<>();
        scope.withoutPrefixLength().iterator().forEachRemaining(address -> {
            String text = address.toCanonicalString();
            cells.add(stored.getOrDefault(text, new Cell(text, service.contains(text) ? "service" : "free", null)));
        });
        return cells;
    }

    private List<Block> blocks(Network network, IPAddress scope, int hostBits) {
        long[] counts = storedCounts.perBlock(network.id(), scope, WIDTH_BITS);
        BigInteger first = AddressKey.value(scope.getLower());
        BigInteger size = BigInteger.ONE.shiftLeft(hostBits - WIDTH_BITS);
        int family = AddressKey.family(scope);
        int prefix = scope.getPrefixLength() + WIDTH_BITS;
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            IPAddress start = AddressKey.fromValue(family, first.add(size.multiply(BigInteger.valueOf(i))));
            blocks.add(new Block(start.toCanonicalString() + "/" + prefix, new Usage(counts[i], size)));
        }
        return blocks;
    }
}
