package org.ipledger.agent.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error of the agent, as on the master: {@code {error, message, details?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, Map<String, Object> details) {
}
