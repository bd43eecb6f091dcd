package org.ipledger.addressing;

/**
 * An address or CIDR that is not acceptable, with the stable error code each service answers
 * with ({@code malformed_address}, {@code malformed_cidr}, {@code host_bits_set},
 * {@code ipv4_mapped_network}, {@code missing_field}) and a sentence naming the field and value.
 */
public class InvalidAddressException extends IllegalArgumentException {

    private final String code;

    InvalidAddressException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
