package org.ipledger.master.network;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.ServiceAddresses;
import org.ipledger.master.api.Fields;
import org.ipledger.master.api.Locations;
import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerOutbox;
import org.ipledger.master.structure.StructureLock;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.ipledger.web.Patch;
import org.ipledger.web.PatchFields;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Networks: creation with the overlap check of I2, changes, deletion of unused networks. */
@Service
public class NetworkService {

    private final NetworkRepository networks;
    private final StructureLock lock;
    private final JdbcClient jdbc;
    private final LedgerOutbox ledger;

    public NetworkService(NetworkRepository networks, StructureLock lock, JdbcClient jdbc, LedgerOutbox ledger) {
        this.networks = networks;
        this.lock = lock;
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Transactional
    public Network create(NetworkRequest request, String platformId) {
        IPAddress block = AddressParser.network("cidr", request.cidr());
        String name = Fields.name(request.name());
        String gateway = gateway(block, request.gateway());
        Integer vlan = Fields.vlan(request.vlan());
        List<String> locations = Locations.valid(request.locations());
        lock.acquire();
        networks.overlapping(block.getLower(), block.getUpper()).ifPresent(other -> {
            throw ApiException.conflict("network_overlap", block.toCanonicalString() + " overlaps network "
                    + other.cidr() + " (id " + other.id() + ").",
                    Map.of("conflictingNetworkId", other.id(), "conflictingCidr", other.cidr()));
        });
        long id = networks.insert(block, name, gateway, vlan, locations, Fields.note(request.note()), platformId);
        Network network = networks.find(id).orElseThrow();
        ledger.append(LedgerEntryType.NETWORK_CREATED, EntityKeys.network(id), platformId, Optional.empty(), network);
        return network;
    }

    public Network get(long id) {
        return networks.find(id).orElseThrow(() -> notFound(id));
    }

    public Page<Network> list(String cursor, Integer limit) {
        int size = Page.limit(limit);
        return Page.of(networks.page(Page.idCursor(cursor), size + 1), size, n -> Long.toString(n.id()));
    }

    @Transactional
    public Network update(long id, Map<String, Object> body, String platformId) {
        Patch patch = new Patch(body, PatchFields.NETWORK);
        lock.acquire();
        Network current = get(id);
        String gateway = gateway(current.block(), patch.string("gateway", current.gateway()));
        if (gateway != null && !gateway.equals(current.gateway()) && isStored(gateway)) {
            throw ApiException.conflict("address_taken", "The new gateway " + gateway
                    + " is an allocated or reserved address; release it first.");
        }
        Network changed = new Network(id, current.cidr(), Fields.name(patch.string("name", current.name())),
                current.family(), gateway, Fields.vlan(patch.integer("vlan", current.vlan())),
                Locations.valid(patch.strings("locations", current.locations())),
                Fields.note(patch.string("note", current.note())), current.platformId());
        networks.update(changed);
        if (!Objects.equals(gateway, current.gateway())) {
            networks.touchPoolsOf(id);
        }
        ledger.append(LedgerEntryType.NETWORK_UPDATED, EntityKeys.network(id), platformId, Optional.empty(), changed);
        return changed;
    }
    @Transactional
    public void delete(long id, String platformId) {
        lock.acquire();
        Network network = get(id);
        if (networks.inUse(id)) {
            throw ApiException.conflict("network_in_use",
                    "Network " + id + " still has ranges or addresses; remove them first.");
        }
        networks.delete(id);
        ledger.append(LedgerEntryType.NETWORK_DELETED, EntityKeys.network(id), platformId, Optional.empty(), network);
    }

    private boolean isStored(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM ip WHERE addr_bin = ?")
                .param(AddressKey.of(AddressParser.address("gateway", address))).query(Long.class).single() > 0;
    }

    /** A gateway must be a host address inside its network. */
    private static String gateway(IPAddress block, String text) {
        if (text == null) {
            return null;
        }
        IPAddress gateway = AddressParser.address("gateway", text);
        if (!block.contains(gateway)) {
            throw ApiException.badRequest("gateway_outside_network",
                    "gateway " + text + " is not inside " + block.toCanonicalString() + ".");
        }
        if (ServiceAddresses.of(block, null).contains(gateway)) {
            throw ApiException.badRequest("gateway_not_host", "gateway " + text
                    + " is the network or broadcast address of " + block.toCanonicalString() + ".");
        }
        return gateway.toCanonicalString();
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("network_not_found", "Network " + id + " does not exist.");
    }
}
