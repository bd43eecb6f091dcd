package org.ipledger.schemas.signing;

/** Names of the signing headers. */
public final class SigningHeaders {

    /** Lowercase hex HMAC-SHA256 of what the signature version covers. */
    public static final String SIGNATURE = "ipledger_signature";

    /** Which content the signature covers; only {@code 2} (topic, key, CloudEvents id and time, value) is accepted. */
    public static final String VERSION = "ipledger_signature_version";

    /** The id of the platform whose secret signed the record. */
    public static final String PLATFORM = "ipledger_platform";

    private SigningHeaders() {
    }
}
