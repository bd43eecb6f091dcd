package org.ipledger.master.allocation;

import java.util.regex.Pattern;

import org.ipledger.web.ApiException;

/** Checks the client-chosen request ids that make retries safe (I4). */
final class RequestIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    static String required(String requestId) {
        if (requestId == null) {
            throw ApiException.badRequest("missing_field",
                    "requestId is required: a UUID chosen by the client, so that a retried request has one effect.");
        }
        return valid(requestId);
    }

    static String valid(String requestId) {
        if (!VALID.matcher(requestId).matches()) {
            throw ApiException.badRequest("invalid_request_id",
                    "requestId must be 1 to 64 letters, digits or . _ : -, got '" + requestId + "'.");
        }
        return requestId;
    }
}
