package org.ipledger.master.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ipledger.master.allocation.Reply;
import org.ipledger.master.network.NetworkRequest;
import org.ipledger.master.network.NetworkService;
import org.ipledger.master.pool.PoolRequest;
import org.ipledger.master.pool.PoolService;
import org.ipledger.master.pool.RangeRequest;
import org.ipledger.master.pool.RangeService;
import org.ipledger.schemas.command.AddRangeCommand;
import org.ipledger.schemas.command.ClearableAttribute;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.command.CreateNetworkCommand;
import org.ipledger.schemas.command.CreatePoolCommand;
import org.ipledger.schemas.command.DeleteNetworkCommand;
import org.ipledger.schemas.command.DeletePoolCommand;
import org.ipledger.schemas.command.RemoveRangeCommand;
import org.ipledger.schemas.command.UpdateNetworkCommand;
import org.ipledger.schemas.command.UpdatePoolCommand;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Network, pool and range commands, each applied with its reply stored in the same transaction,
 * so a redelivered or retried command returns the stored reply and has no second effect (I4).
 */
@Component
class StructureCommands {

    private final NetworkService networks;
    private final PoolService pools;
    private final RangeService ranges;
    private final CommandLog log;
    private final JsonMapper json;

    StructureCommands(NetworkService networks, PoolService pools, RangeService ranges, CommandLog log, JsonMapper json) {
        this.networks = networks;
        this.pools = pools;
        this.ranges = ranges;
        this.log = log;
        this.json = json;
    }

    /** Runs the command once; a failure rolls everything back and is not remembered. */
    @Transactional
    public Reply run(Command command, String fingerprint) {
        var stored = log.find(command.platformId(), command.requestId(), fingerprint);
        if (stored.isPresent()) {
            return stored.get();
        }
        Reply reply = apply(command);
        log.store(command.requestId(), fingerprint, reply, command.platformId());
        return reply;
    }

    private Reply apply(Command command) {
        String platform = command.platformId();
        if (command instanceof CreateNetworkCommand create) {
            return created(networks.create(new NetworkRequest(create.cidr(), create.name(), create.gateway().orElse(null),
                    create.vlan().orElse(null), create.locations(), create.note().orElse(null)), platform));
        }
        if (command instanceof UpdateNetworkCommand update) {
            Map<String, Object> patch = new LinkedHashMap<>();
            update.changes().name().ifPresent(v -> patch.put("name", v));
            update.changes().gateway().ifPresent(v -> patch.put("gateway", v));
            update.changes().vlan().ifPresent(v -> patch.put("vlan", v));
            update.changes().locations().ifPresent(v -> patch.put("locations", v));
            update.changes().note().ifPresent(v -> patch.put("note", v));
            update.clear().stream().map(ClearableAttribute::wireName).forEach(name -> patch.put(name, null));
            return ok(networks.update(update.networkId(), patch, platform));
        }
        if (command instanceof DeleteNetworkCommand delete) {
            networks.delete(delete.networkId(), platform);
            return new Reply(HttpStatus.NO_CONTENT.value(), "");
        }
        if (command instanceof CreatePoolCommand create) {
            return created(pools.create(new PoolRequest(create.name(), create.locations(), create.note().orElse(null)), platform));
        }
        if (command instanceof UpdatePoolCommand update) {
            Map<String, Object> patch = new LinkedHashMap<>();
            update.changes().name().ifPresent(v -> patch.put("name", v));
            update.changes().locations().ifPresent(v -> patch.put("locations", v));
            update.changes().note().ifPresent(v -> patch.put("note", v));
            return ok(pools.update(update.poolId(), patch, platform));
        }
        if (command instanceof DeletePoolCommand delete) {
            pools.delete(delete.poolId(), platform);
            return new Reply(HttpStatus.NO_CONTENT.value(), "");
        }
        if (command instanceof AddRangeCommand add) {
            return created(ranges.add(add.poolId(), new RangeRequest(add.start().orElse(null), add.end().orElse(null),
                    add.cidr().orElse(null)), platform));
        }
        if (command instanceof RemoveRangeCommand remove) {
            ranges.remove(remove.poolId(), remove.rangeId(), platform);
            return new Reply(HttpStatus.NO_CONTENT.value(), "");
        }
        throw new IllegalArgumentException("not a structure command: " + command.type());
    }

    private Reply created(Object body) {
        return new Reply(HttpStatus.CREATED.value(), json.writeValueAsString(body));
    }

    private Reply ok(Object body) {
        return new Reply(HttpStatus.OK.value(), json.writeValueAsString(body));
    }
}
