package org.ipledger.master.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error: {@code {error, message, details?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, Map<String, Object> details) {

    public static ErrorResponse of(String error, String message) {
        return new ErrorResponse(error, message, null);
    }
}
