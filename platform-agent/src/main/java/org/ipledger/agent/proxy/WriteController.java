package org.ipledger.agent.proxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.ipledger.agent.api.AddressStatuses;
import org.ipledger.agent.proxy.RequestBodies.NewAllocation;
import org.ipledger.agent.proxy.RequestBodies.NewNetwork;
import org.ipledger.agent.proxy.RequestBodies.NewPool;
import org.ipledger.agent.proxy.RequestBodies.NewRange;
import org.ipledger.schemas.command.AddRangeCommand;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.command.ClearableAttribute;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.command.CreateNetworkCommand;
import org.ipledger.schemas.command.CreatePoolCommand;
import org.ipledger.schemas.command.DeleteNetworkCommand;
import org.ipledger.schemas.command.DeletePoolCommand;
import org.ipledger.schemas.command.NetworkChanges;
import org.ipledger.schemas.command.PoolChanges;
import org.ipledger.schemas.command.ReleaseCommand;
import org.ipledger.schemas.command.RemoveRangeCommand;
import org.ipledger.schemas.command.ReserveCommand;
import org.ipledger.schemas.command.UpdateNetworkCommand;
import org.ipledger.schemas.command.UpdatePoolCommand;
import org.ipledger.web.ApiException;
import org.ipledger.web.Patch;
import org.ipledger.web.PatchFields;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The platform's writes, on the same paths and bodies as the master's REST API, forwarded to the
 * master as commands. A write without a {@code requestId} (in the body for allocations, in the
 * {@code Idempotency-Key} header otherwise) gets a fresh one: retrying it is then a new request.
 */
@RestController
class WriteController {

    private final MasterCommands master;
    private final LocalOwners owners;

    WriteController(MasterCommands master, LocalOwners owners) {
        this.master = master;
        this.owners = owners;
    }

    @PostMapping("/api/v1/networks")
    ResponseEntity<JsonNode> createNetwork(@RequestBody NewNetwork body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.CREATED, key, id -> new CreateNetworkCommand(id, master.platformId(),
                required(body.cidr(), "cidr"), required(body.name(), "name"), Optional.ofNullable(body.gateway()),
                Optional.ofNullable(body.vlan()), listOrEmpty(body.locations()), Optional.ofNullable(body.note())));
    }

    @PatchMapping("/api/v1/networks/{id}")
    ResponseEntity<JsonNode> updateNetwork(@PathVariable long id, @RequestBody Map<String, Object> body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Patch patch = new Patch(body, PatchFields.NETWORK);
        return send(HttpStatus.OK, key, requestId -> new UpdateNetworkCommand(requestId, master.platformId(), id,
                new NetworkChanges(name(patch), Optional.ofNullable(patch.string("gateway", null)),
                        Optional.ofNullable(patch.integer("vlan", null)), locations(patch),
                        Optional.ofNullable(patch.string("note", null))),
                cleared(patch, List.of(ClearableAttribute.GATEWAY, ClearableAttribute.VLAN, ClearableAttribute.NOTE))));
    }

    @DeleteMapping("/api/v1/networks/{id}")
    ResponseEntity<JsonNode> deleteNetwork(@PathVariable long id, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.NO_CONTENT, key, requestId -> new DeleteNetworkCommand(requestId, master.platformId(), id));
    }

    @PostMapping("/api/v1/pools")
    ResponseEntity<JsonNode> createPool(@RequestBody NewPool body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.CREATED, key, id -> new CreatePoolCommand(id, master.platformId(), required(body.name(), "name"),
                listOrEmpty(body.locations()), Optional.ofNullable(body.note())));
    }

    @PatchMapping("/api/v1/pools/{id}")
    ResponseEntity<JsonNode> updatePool(@PathVariable long id, @RequestBody Map<String, Object> body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Patch patch = new Patch(body, PatchFields.POOL);
        return send(HttpStatus.OK, key, requestId -> new UpdatePoolCommand(requestId, master.platformId(), id,
                new PoolChanges(name(patch), locations(patch), Optional.ofNullable(patch.string("note", null))),
                cleared(patch, List.of(ClearableAttribute.NOTE))));
    }

    @DeleteMapping("/api/v1/pools/{id}")
    ResponseEntity<JsonNode> deletePool(@PathVariable long id, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.NO_CONTENT, key, requestId -> new DeletePoolCommand(requestId, master.platformId(), id));
    }

    @PostMapping("/api/v1/pools/{id}/ranges")
    ResponseEntity<JsonNode> addRange(@PathVariable long id, @RequestBody NewRange body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if ((body.cidr() != null) == (body.start() != null || body.end() != null)) {
            throw ApiException.badRequest("invalid_range", "Give either start and end, or cidr.");
        }
        return send(HttpStatus.CREATED, key, requestId -> body.cidr() != null
                ? AddRangeCommand.ofCidr(requestId, master.platformId(), id, body.cidr())
                : AddRangeCommand.ofBounds(requestId, master.platformId(), id, required(body.start(), "start"),
                        required(body.end(), "end")));
    }

    @DeleteMapping("/api/v1/pools/{id}/ranges/{rangeId}")
    ResponseEntity<JsonNode> removeRange(@PathVariable long id, @PathVariable long rangeId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.NO_CONTENT, key, requestId -> new RemoveRangeCommand(requestId, master.platformId(), id, rangeId));
    }

    /** The owner name stays here (I5): only the addresses travel, and the owner is kept locally for them. */
    @PostMapping("/api/v1/pools/{id}/allocations")
    ResponseEntity<JsonNode> allocate(@PathVariable long id, @RequestBody NewAllocation body) {
        String requestId = required(body.requestId(), "requestId");
        int count = body.count() == null ? 1 : body.count();
        if (count < 1 || count > AllocateCommand.MAX_COUNT) {
            // The master would refuse the command unread, without a reply: refuse it here with the master's code.
            throw ApiException.badRequest("count_out_of_range",
                    "count must be between 1 and the master's limit (at most " + AllocateCommand.MAX_COUNT + "), got " + count + ".");
        }
        ResponseEntity<JsonNode> response = send(HttpStatus.CREATED, requestId, given -> new AllocateCommand(given,
                master.platformId(), id, count, Optional.ofNullable(body.address()), Optional.empty()));
        Optional.ofNullable(body.owner()).ifPresent(owner -> owners.remember(response.getBody(), owner));
        return response;
    }

    @PatchMapping("/api/v1/addresses/{address}")
    ResponseEntity<JsonNode> changeStatus(@PathVariable String address, @RequestBody Map<String, Object> body) {
        Patch patch = new Patch(body, PatchFields.ADDRESS);
        String status = AddressStatuses.storable(patch.string("status", null));
        return send(HttpStatus.OK, patch.string("requestId", null), requestId -> new ReserveCommand(requestId,
                master.platformId(), Optional.empty(), address, Optional.of(status), Optional.empty()));
    }

    @DeleteMapping("/api/v1/addresses/{address}")
    ResponseEntity<JsonNode> release(@PathVariable String address, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        ResponseEntity<JsonNode> response = send(HttpStatus.NO_CONTENT, key,
                requestId -> new ReleaseCommand(requestId, master.platformId(), Optional.empty(), address));
        owners.forget(address);
        return response;
    }

    /** A field the request cannot do without, refused as the master refuses it when absent or blank. */
    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_field", field + " is required.");
        }
        return value;
    }

    private static List<String> listOrEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** A name may change but not be cleared: null is refused as the master refuses a missing name. */
    private static Optional<String> name(Patch patch) {
        if (patch.clears("name")) {
            throw ApiException.badRequest("missing_field", "name is required.");
        }
        return Optional.ofNullable(patch.string("name", null));
    }

    /** Null locations mean every location again, as on the master. */
    private static Optional<List<String>> locations(Patch patch) {
        return patch.clears("locations") ? Optional.of(List.of()) : Optional.ofNullable(patch.strings("locations", null));
    }

    private static List<ClearableAttribute> cleared(Patch patch, List<ClearableAttribute> clearable) {
        return clearable.stream().filter(attribute -> patch.clears(attribute.wireName())).toList();
    }

    private ResponseEntity<JsonNode> send(HttpStatus success, String requestId, Function<String, Command> command) {
        String id = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        MDC.put("requestId", id);
        Command built;
        try {
            built = command.apply(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest("invalid_request", e.getMessage());
        }
        return ReplyResponses.of(master.send(built), success);
    }
}
