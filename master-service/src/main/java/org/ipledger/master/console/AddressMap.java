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
import org.ipledger.master.network.Network;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The map of a network, or of one block inside it: one cell per address when the block has at
 * most 256 addresses, otherwise 256 sub-blocks with their counts of stored addresses. Counts come
 * from one grouped query over the network's index on {@code ip}; free addresses are never listed.
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

    AddressMap(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        int blockHostBits = hostBits - WIDTH_BITS;
        // The block's index is the WIDTH_BITS bits after the scope's prefix in the 16-byte key.
        int offsetBits = 128 - hostBits;
        Map<Integer, Long> counts = new HashMap<>();
        jdbc.sql("SELECT (CONV(HEX(SUBSTRING(addr_bin, ?, 2)), 16, 10) >> ?) & 255, COUNT(*) FROM ip "
                        + "WHERE ipnet = ? AND addr_bin BETWEEN ? AND ? GROUP BY 1")
                .params(offsetBits / 8 + 1, 8 - offsetBits % 8, network.id(),
                        AddressKey.of(scope.getLower()), AddressKey.of(scope.getUpper()))
                .query(rs -> {
                    counts.put(rs.getInt(1), rs.getLong(2));
                });
        BigInteger first = AddressKey.value(scope.getLower());
        BigInteger size = BigInteger.ONE.shiftLeft(blockHostBits);
        int family = AddressKey.family(scope);
        int prefix = scope.getPrefixLength() + WIDTH_BITS;
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 1 << WIDTH_BITS; i++) {
            IPAddress start = AddressKey.fromValue(family, first.add(size.multiply(BigInteger.valueOf(i))));
            blocks.add(new Block(start.toCanonicalString() + "/" + prefix, new Usage(counts.getOrDefault(i, 0L), size)));
        }
        return blocks;
    }
}
