package org.ipledger.agent.integration;

import java.util.Map;
import java.util.Optional;

import org.ipledger.web.ApiException;
import org.springframework.http.HttpStatus;

/** Why a join (or a preflight) did not go ahead, as a stable code and a sentence naming the cause. */
final class JoinRefused extends ApiException {

    JoinRefused(HttpStatus status, String code, String message) {
        super(status, code, message, Map.of(), Optional.empty());
    }

    JoinRefused(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message, details, Optional.empty());
    }
}
