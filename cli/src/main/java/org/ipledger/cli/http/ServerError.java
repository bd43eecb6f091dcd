package org.ipledger.cli.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A server's JSON error {@code {error, message, details?}}, or what stands for it when the body is not one. */
record ServerError(int status, String code, String message) {

    static ServerError of(int status, String body) {
        try {
            JsonNode json = LedgerServer.JSON.readTree(body == null ? "" : body);
            if (json != null && json.hasNonNull("error")) {
                return new ServerError(status, json.get("error").asString(), json.path("message").asString(""));
            }
        } catch (JacksonException e) {
            // Not an ipledger error body (a proxy's page, say): the status alone must speak.
        }
        return new ServerError(status, "http_" + status, "");
    }

    /** The master refused an e-mail and password, to this client or to an agent joining. */
    boolean wrongCredentials() {
        return code.equals("invalid_credentials") || code.equals("master_credentials_rejected");
    }

    /** An agent could not reach its master: the cause is the master, not the agent asked. */
    boolean masterUnreachable() {
        return code.equals("master_unreachable");
    }

    /** The server's sentence, its stable code and the status, in one line. */
    String describe() {
        String sentence = message.isBlank() ? "HTTP " + status : message.strip();
        return sentence + " (" + code + ", HTTP " + status + ")";
    }
}
