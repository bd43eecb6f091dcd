package org.ipledger.schemas.signing;

/** Names of the signing headers. */
public final class SigningHeaders {

    /** Lowercase hex HMAC-SHA256 of the value bytes. */
    public static final String SIGNATURE = "ipledger_signature";

    /** The id of the platform whose secret signed the record. */
    public static final String PLATFORM = "ipledger_platform";

    private SigningHeaders() {
    }
}
