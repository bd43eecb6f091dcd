package org.ipledger.master.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.codec.digest.DigestUtils;
import org.ipledger.master.allocation.AddressAllocator;
import org.ipledger.master.allocation.AddressStatus;
import org.ipledger.master.allocation.AllocationRequest;
import org.ipledger.master.allocation.Reply;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.command.ReleaseCommand;
import org.ipledger.schemas.command.ReserveCommand;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one command and answers it as the REST API would: address commands go to the allocation
 * engine (asynchronously, so a batch of commands shares its transactions), the others run at
 * once. A refusal becomes an error reply; only infrastructure failures are thrown.
 */
@Component
class CommandExecutor {

    private final AddressAllocator allocator;
    private final StructureCommands structure;
    private final JsonMapper json;
    private final MessageSerializer serializer = new MessageSerializer();

    CommandExecutor(AddressAllocator allocator, StructureCommands structure, JsonMapper json) {
        this.allocator = allocator;
        this.structure = structure;
        this.json = json;
    }

    /**
     * Runs the commands in order, each as {@link #execute}. A run of address commands is handed to
     * the allocation engine together, so a batch's commands on one pool share one transaction
     * rather than the first running alone while the rest are queued; any other command runs after
     * the address commands before it were queued, as one by one.
     */
    List<CompletableFuture<Reply>> executeAll(List<Command> commands) {
        List<CompletableFuture<Reply>> replies = new ArrayList<>(commands.size());
        int next = 0;
        while (next < commands.size()) {
            int from = next;
            while (next < commands.size() && isAddressCommand(commands.get(next))) {
                next++;
            }
            if (next == from) {
                replies.add(execute(commands.get(next++)));
            } else {
                List<Command> run = commands.subList(from, next);
                replies.addAll(allocator.together(() -> run.stream().map(this::execute).toList()));
            }
        }
        return replies;
    }

    private static boolean isAddressCommand(Command command) {
        return command instanceof AllocateCommand || command instanceof ReserveCommand || command instanceof ReleaseCommand;
    }

    private CompletableFuture<Reply> execute(Command command) {
        try {
            if (command instanceof AllocateCommand allocate) {
                return allocator.allocateAsync(allocate.poolId(), new AllocationRequest(allocate.requestId(),
                        allocate.count(), allocate.address().orElse(null), null), allocate.platformId());
            }
            if (command instanceof ReserveCommand reserve) {
                return allocator.changeStatusAsync(AddressParser.address("address", reserve.address()),
                        AddressStatus.storable(reserve.wantedStatus()), Optional.of(reserve.requestId()), reserve.platformId());
            }
            if (command instanceof ReleaseCommand release) {
                return allocator.releaseAsync(AddressParser.address("address", release.address()),
                        Optional.of(release.requestId()), release.platformId());
            }
            return CompletableFuture.completedFuture(runStructure(command));
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(refusal(e));
        }
    }

    /**
     * A concurrent duplicate of the same request id loses the insert race once, then finds the stored reply.
     * Only these commands need a fingerprint of their own: the allocation engine compares a retry's
     * pool operation instead, so an address command is never serialized again to be hashed.
     */
    private Reply runStructure(Command command) {
        // The command as we parsed it, so a retry that encodes it differently still matches.
        String fingerprint = DigestUtils.sha256Hex(serializer.serialize(command));
        try {
            return structure.run(command, fingerprint);
        } catch (DuplicateKeyException e) {
            return structure.run(command, fingerprint);
        }
    }

    private Reply refusal(ApiException e) {
        return new Reply(e.status().value(), json.writeValueAsString(e.toResponse()));
    }
}
