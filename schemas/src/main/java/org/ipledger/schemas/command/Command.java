package org.ipledger.schemas.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.WireMessage;

/**
 * A request from a platform to the master, answered by one
 * {@link org.ipledger.schemas.reply.CommandReply}. A command with a given {@link #requestId()}
 * has at most one effect; retried, it gets the same reply (I4).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CreateNetworkCommand.class, name = "create_network"),
    @JsonSubTypes.Type(value = UpdateNetworkCommand.class, name = "update_network"),
    @JsonSubTypes.Type(value = DeleteNetworkCommand.class, name = "delete_network"),
    @JsonSubTypes.Type(value = CreatePoolCommand.class, name = "create_pool"),
    @JsonSubTypes.Type(value = UpdatePoolCommand.class, name = "update_pool"),
    @JsonSubTypes.Type(value = DeletePoolCommand.class, name = "delete_pool"),
    @JsonSubTypes.Type(value = AddRangeCommand.class, name = "add_range"),
    @JsonSubTypes.Type(value = RemoveRangeCommand.class, name = "remove_range"),
    @JsonSubTypes.Type(value = AllocateCommand.class, name = "allocate"),
    @JsonSubTypes.Type(value = ReserveCommand.class, name = "reserve"),
    @JsonSubTypes.Type(value = ReleaseCommand.class, name = "release")
})
public sealed interface Command extends WireMessage permits CreateNetworkCommand, UpdateNetworkCommand,
        DeleteNetworkCommand, CreatePoolCommand, UpdatePoolCommand, DeletePoolCommand, AddRangeCommand,
        RemoveRangeCommand, AllocateCommand, ReserveCommand, ReleaseCommand {

    /** The requester's idempotency key. */
    String requestId();

    /** The platform that sent the command. */
    String platformId();

    /** What the command asks for. */
    CommandType type();

    /** The record key on the commands topic: the pool id, or {@link Topics#STRUCTURE_KEY}. */
    default String partitionKey() {
        return Topics.STRUCTURE_KEY;
    }
}
