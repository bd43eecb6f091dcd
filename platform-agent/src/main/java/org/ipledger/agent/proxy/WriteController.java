package org.ipledger.agent.proxy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.ipledger.agent.api.AddressStatuses;
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
    ResponseEntity<JsonNode> createNetwork(@RequestBody JsonNode json, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CommandBodies body = new CommandBodies(json);
        return send(HttpStatus.CREATED, key, id -> new CreateNetworkCommand(id, master.platformId(),
                body.requiredText("cidr"), body.requiredText("name"), body.text("gateway"), body.integer("vlan"),
                body.strings("locations").orElse(List.of()), body.text("note")));
    }

    @PatchMapping("/api/v1/networks/{id}")
    ResponseEntity<JsonNode> updateNetwork(@PathVariable long id, @RequestBody JsonNode json,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CommandBodies body = new CommandBodies(json);
        return send(HttpStatus.OK, key, requestId -> new UpdateNetworkCommand(requestId, master.platformId(), id,
                new NetworkChanges(body.text("name"), body.text("gateway"), body.integer("vlan"), body.strings("locations"),
                        body.text("note")),
                body.cleared(List.of(ClearableAttribute.GATEWAY, ClearableAttribute.VLAN, ClearableAttribute.NOTE))));
    }

    @DeleteMapping("/api/v1/networks/{id}")
    ResponseEntity<JsonNode> deleteNetwork(@PathVariable long id, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.NO_CONTENT, key, requestId -> new DeleteNetworkCommand(requestId, master.platformId(), id));
    }

    @PostMapping("/api/v1/pools")
    ResponseEntity<JsonNode> createPool(@RequestBody JsonNode json, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CommandBodies body = new CommandBodies(json);
        return send(HttpStatus.CREATED, key, id -> new CreatePoolCommand(id, master.platformId(), body.requiredText("name"),
                body.strings("locations").orElse(List.of()), body.text("note")));
    }

    @PatchMapping("/api/v1/pools/{id}")
    ResponseEntity<JsonNode> updatePool(@PathVariable long id, @RequestBody JsonNode json,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CommandBodies body = new CommandBodies(json);
        return send(HttpStatus.OK, key, requestId -> new UpdatePoolCommand(requestId, master.platformId(), id,
                new PoolChanges(body.text("name"), body.strings("locations"), body.text("note")),
                body.cleared(List.of(ClearableAttribute.NOTE))));
    }

    @DeleteMapping("/api/v1/pools/{id}")
    ResponseEntity<JsonNode> deletePool(@PathVariable long id, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.NO_CONTENT, key, requestId -> new DeletePoolCommand(requestId, master.platformId(), id));
    }

    @PostMapping("/api/v1/pools/{id}/ranges")
    ResponseEntity<JsonNode> addRange(@PathVariable long id, @RequestBody JsonNode json,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CommandBodies body = new CommandBodies(json);
        Optional<String> cidr = body.text("cidr");
        return send(HttpStatus.CREATED, key, requestId -> cidr.isPresent()
                ? AddRangeCommand.ofCidr(requestId, master.platformId(), id, cidr.get())
                : AddRangeCommand.ofBounds(requestId, master.platformId(), id, body.requiredText("start"), body.requiredText("end")));
    }

    @DeleteMapping("/api/v1/pools/{id}/ranges/{rangeId}")
    ResponseEntity<JsonNode> removeRange(@PathVariable long id, @PathVariable long rangeId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return send(HttpStatus.NO_CONTENT, key, requestId -> new RemoveRangeCommand(requestId, master.platformId(), id, rangeId));
    }

    /** The owner name stays here (I5): only the addresses travel, and the owner is kept locally for them. */
    @PostMapping("/api/v1/pools/{id}/allocations")
    ResponseEntity<JsonNode> allocate(@PathVariable long id, @RequestBody JsonNode json) {
        CommandBodies body = new CommandBodies(json);
        String requestId = body.requiredText("requestId");
        ResponseEntity<JsonNode> response = send(HttpStatus.CREATED, requestId, given -> new AllocateCommand(given,
                master.platformId(), id, body.integer("count").orElse(1), body.text("address"), Optional.empty()));
        body.text("owner").ifPresent(owner -> owners.remember(response.getBody(), owner));
        return response;
    }

    @PatchMapping("/api/v1/addresses/{address}")
    ResponseEntity<JsonNode> changeStatus(@PathVariable String address, @RequestBody JsonNode json) {
        CommandBodies body = new CommandBodies(json);
        String status = AddressStatuses.storable(body.requiredText("status"));
        return send(HttpStatus.OK, body.text("requestId").orElse(null), requestId -> new ReserveCommand(requestId,
                master.platformId(), Optional.empty(), address, Optional.of(status), Optional.empty()));
    }

    @DeleteMapping("/api/v1/addresses/{address}")
    ResponseEntity<JsonNode> release(@PathVariable String address, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        ResponseEntity<JsonNode> response = send(HttpStatus.NO_CONTENT, key,
                requestId -> new ReleaseCommand(requestId, master.platformId(), Optional.empty(), address));
        owners.forget(address);
        return response;
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
