package org.ipledger.schemas.reply;

import java.util.Objects;
import java.util.Optional;
import org.ipledger.schemas.WireMessage;
import tools.jackson.databind.JsonNode;

/**
 * The master's answer to one command: a success with the REST response's JSON as {@code result},
 * or a failure with a stable {@code error} code and a human {@code message}. Built with
 * {@link #success} and {@link #failure}; the JSON trees are copied in and out, so it is immutable.
 *
 * @param requestId the command's request id
 * @param ok whether the command took effect (or had taken effect before: replies repeat, I4)
 * @param result on success, the same JSON as the REST response
 * @param error on failure, a stable code such as {@code pool_exhausted}
 * @param message on failure, one human sentence
 * @param details on failure, optional machine-readable details
 */
public record CommandReply(
        String requestId,
        boolean ok,
        Optional<JsonNode> result,
        Optional<String> error,
        Optional<String> message,
        Optional<JsonNode> details) implements WireMessage {

    public CommandReply {
        Objects.requireNonNull(requestId, "requestId is required");
        result = copyOf(result);
        error = error == null ? Optional.empty() : error;
        message = message == null ? Optional.empty() : message;
        details = copyOf(details);
        if (ok && (result.isEmpty() || error.isPresent() || message.isPresent() || details.isPresent())) {
            throw new IllegalArgumentException("a success has a result and no error");
        }
        if (!ok && (result.isPresent() || error.isEmpty() || message.isEmpty())) {
            throw new IllegalArgumentException("a failure has an error and a message and no result");
        }
    }

    /** A success whose result is {@code result}, a JSON object. */
    public static CommandReply success(String requestId, JsonNode result) {
        return new CommandReply(requestId, true, Optional.of(result), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A failure with a stable error code and a human sentence. */
    public static CommandReply failure(String requestId, String error, String message) {
        return new CommandReply(requestId, false, Optional.empty(), Optional.of(error), Optional.of(message),
                Optional.empty());
    }

    /** A failure with machine-readable details, e.g. the conflicting network. */
    public static CommandReply failure(String requestId, String error, String message, JsonNode details) {
        return new CommandReply(requestId, false, Optional.empty(), Optional.of(error), Optional.of(message),
                Optional.of(details));
    }

    @Override
    public Optional<JsonNode> result() {
        return result.map(JsonNode::deepCopy);
    }

    @Override
    public Optional<JsonNode> details() {
        return details.map(JsonNode::deepCopy);
    }

    private static Optional<JsonNode> copyOf(Optional<JsonNode> node) {
        return node == null ? Optional.empty() : node.filter(n -> !n.isNull()).map(JsonNode::deepCopy);
    }
}
