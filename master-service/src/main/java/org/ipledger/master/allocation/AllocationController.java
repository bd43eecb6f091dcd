package org.ipledger.master.allocation;

import java.util.Map;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.master.platform.MasterPlatform;
import org.ipledger.web.AddressParser;
import org.ipledger.web.Page;
import org.ipledger.web.Patch;
import org.ipledger.web.PatchFields;
import org.ipledger.web.RoleNames;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Allocations ({@code /api/v1/pools/{id}/allocations}) and addresses ({@code /api/v1/addresses}). */
@RestController
class AllocationController {

    private final AddressAllocator allocator;
    private final AddressQueries queries;

    AllocationController(AddressAllocator allocator, AddressQueries queries) {
        this.allocator = allocator;
        this.queries = queries;
    }

    @PostMapping("/api/v1/pools/{id}/allocations")
    ResponseEntity<String> allocate(@PathVariable long id, @RequestBody AllocationRequest request) {
        return send(allocator.allocate(id, request, MasterPlatform.ID));
    }

    @GetMapping("/api/v1/addresses")
    Page<AddressView> list(@RequestParam(required = false) Long pool, @RequestParam(required = false) Long network,
                           @RequestParam(required = false) String status, @RequestParam(required = false) String prefix,
                           @RequestParam(required = false) String platform, @RequestParam(required = false) String cursor,
                           @RequestParam(required = false) Integer limit, Authentication caller) {
        return queries.list(pool, network, status, prefix == null ? null : AddressParser.network("prefix", prefix), platform,
                cursor, limit, admin(caller));
    }

    @GetMapping("/api/v1/addresses/{address}")
    AddressView get(@PathVariable String address, Authentication caller) {
        return queries.describe(AddressParser.address("address", address), admin(caller));
    }

    private static boolean admin(Authentication caller) {
        return caller.getAuthorities().stream().anyMatch(authority -> RoleNames.ADMIN.equals(authority.getAuthority()));
    }

    @PatchMapping("/api/v1/addresses/{address}")
    ResponseEntity<String> change(@PathVariable String address, @RequestBody Map<String, Object> body) {
        Patch patch = new Patch(body, PatchFields.ADDRESS);
        IPAddress parsed = AddressParser.address("address", address);
        AddressStatus status = AddressStatus.storable(patch.string("status", null));
        Optional<String> requestId = Optional.ofNullable(patch.string("requestId", null));
        return send(allocator.changeStatus(parsed, status, requestId, MasterPlatform.ID));
    }

    @DeleteMapping("/api/v1/addresses/{address}")
    ResponseEntity<String> release(@PathVariable String address) {
        return send(allocator.release(AddressParser.address("address", address), MasterPlatform.ID));
    }

    private static ResponseEntity<String> send(Reply reply) {
        if (reply.body().isEmpty()) {
            return ResponseEntity.status(reply.status()).build();
        }
        return ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON).body(reply.body());
    }
}
