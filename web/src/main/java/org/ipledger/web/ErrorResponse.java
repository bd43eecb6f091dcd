package org.ipledger.web;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error of the master's and the agent's APIs: {@code {error, message, details?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, Map<String, Object> details) {

    public static ErrorResponse of(String error, String message) {
        return new ErrorResponse(error, message, null);
    }
}
