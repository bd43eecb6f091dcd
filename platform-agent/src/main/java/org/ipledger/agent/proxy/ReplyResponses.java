package org.ipledger.agent.proxy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * A command's reply as the HTTP answer the master's REST API gives for the same request: the
 * result as the body, a refusal as the same error code with the master's status.
 */
final class ReplyResponses {

    /** Error codes the master answers with 409 (taken, exhausted, overlapping, in use). */
    private static final Set<String> CONFLICTS = Set.of("address_not_in_pool", "address_taken", "network_in_use",
            "network_overlap", "pool_exhausted", "pool_in_use", "range_in_use", "range_overlap", "request_id_reused",
            "service_address");

    private ReplyResponses() {
    }

    static ResponseEntity<JsonNode> of(CommandReply reply, HttpStatus success) {
        if (!reply.ok()) {
            throw refusal(reply);
        }
        Optional<JsonNode> result = reply.result();
        if (success == HttpStatus.NO_CONTENT || result.isEmpty() || result.get().isNull()) {
            return ResponseEntity.status(success).build();
        }
        return ResponseEntity.status(success).body(result.get());
    }

    private static ApiException refusal(CommandReply reply) {
        String code = reply.error().orElse("refused");
        Map<String, Object> details = reply.details().<Map<String, Object>>map(node -> Map.of("master", node)).orElse(Map.of());
        return new ApiException(statusOf(code), code, reply.message().orElse(code), details, Optional.empty());
    }

    static HttpStatus statusOf(String code) {
        if (code.endsWith("_not_found") || code.equals("address_not_in_any_network")) {
            return HttpStatus.NOT_FOUND;
        }
        return CONFLICTS.contains(code) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    }
}
