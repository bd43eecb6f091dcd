package org.ipledger.master.allocation;

import java.util.Map;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.ServiceAddresses;
import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerOutbox;
import org.ipledger.master.network.Network;
import org.ipledger.master.network.NetworkRepository;
import org.ipledger.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reserving and releasing addresses of a network that lie in no pool range. No free-space index
 * is involved: the address table's primary key alone keeps each address stored once.
 */
@Component
class NetworkAddresses {

    private final NetworkRepository networks;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final LedgerOutbox ledger;

    NetworkAddresses(NetworkRepository networks, JdbcClient jdbc, JsonMapper json, LedgerOutbox ledger) {
        this.networks = networks;
        this.jdbc = jdbc;
        this.json = json;
        this.ledger = ledger;
    }

    @Transactional
    public Reply changeStatus(IPAddress address, AddressStatus status, String platformId) {
        Network network = serviceChecked(address);
        byte[] key = AddressKey.of(address);
        // An upsert: the primary key decides, whatever other instances do at the same moment.
        jdbc.sql("""
                INSERT INTO ip (addr_bin, addr, family, ipnet, status, platform_id) VALUES (?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE status = VALUES(status)""")
                .params(key, address.toCanonicalString(), AddressKey.family(address), network.id(), status.json(),
                        platformId)
                .update();
        AddressView view = new AddressView(address.toCanonicalString(), status.json(), null, network.id(), platformId, null);
        ledger.append(status.ledgerType(), EntityKeys.address(view.address()), platformId,
                Optional.empty(), view);
        return new Reply(HttpStatus.OK.value(), json.writeValueAsString(view));
    }

    @Transactional
    public Reply release(IPAddress address, String platformId) {
        Network network = serviceChecked(address);
        int deleted = jdbc.sql("DELETE FROM ip WHERE addr_bin = ?").param(AddressKey.of(address)).update();
        if (deleted > 0) {
            AddressView view = new AddressView(address.toCanonicalString(), AddressStatus.FREE.json(), null, network.id(),
                    platformId, null);
            ledger.append(AddressStatus.FREE.ledgerType(), EntityKeys.address(view.address()), platformId,
                    Optional.empty(), view);
        }
        return new Reply(HttpStatus.NO_CONTENT.value(), "");
    }

    private Network serviceChecked(IPAddress address) {
        Network network = networks.containing(address).orElseThrow(() -> AddressQueries.notInAnyNetwork(address));
        if (ServiceAddresses.of(network.block(), network.gateway()).contains(address)) {
            throw ApiException.conflict("service_address", address.toCanonicalString()
                    + " is a service address (network, broadcast or gateway) and is never allocated.",
                    Map.of("address", address.toCanonicalString()));
        }
        return network;
    }
}
