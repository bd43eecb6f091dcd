package org.ipledger.master.console;

import java.util.Map;
import java.util.Set;

import org.ipledger.web.ApiException;

/**
 * Puts the API's refusal of a form next to the field it is about. The API's sentences start with
 * the field's name ({@code "cidr '10.0.0.1/24' has host bits set"}); an overlap names the new
 * network's block, a taken address the new gateway (the only address a form here sets), and an
 * existing user the e-mail; anything else belongs to the whole form.
 */
record FieldErrors(Map<String, String> byField) {

    static final String FORM = "form";
    /** Refusals whose sentence does not start with the field it is about. */
    private static final Map<String, String> FIELD_OF_CODE = Map.of("network_overlap", "cidr",
            "address_taken", "gateway", "user_exists", "email");

    static FieldErrors none() {
        return new FieldErrors(Map.of());
    }

    static FieldErrors of(ApiException e, Set<String> fields) {
        String message = e.getMessage();
        if (FIELD_OF_CODE.containsKey(e.code())) {
            return new FieldErrors(Map.of(FIELD_OF_CODE.get(e.code()), message));
        }
        String first = message.split("[\\s']", 2)[0];
        return new FieldErrors(Map.of(fields.contains(first) ? first : FORM, message));
    }
}
