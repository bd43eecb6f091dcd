package org.ipledger.agent.integration;

import org.ipledger.web.ApiException;

/**
 * The body of {@code PUT /api/v1/integration} and of the preflight: all an operator gives.
 * The password is used to log in once and is never stored.
 */
record JoinRequest(String masterUrl, String email, String password) {

    JoinRequest {
        require(masterUrl, "masterUrl");
        require(email, "email");
        require(password, "password");
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_field", "'" + field + "' is required");
        }
    }

    @Override
    public String toString() {
        return "JoinRequest[masterUrl=" + masterUrl + ", email=" + email + ", password=***]";
    }
}
