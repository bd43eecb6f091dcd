package org.ipledger.schemas.signing;

import java.util.Objects;

/** The outcome of verifying one record: verified for a platform, or rejected with a reason. */
public sealed interface SignatureCheck permits SignatureCheck.Verified, SignatureCheck.Rejected {

    /** Whether the record may be applied. */
    boolean verified();

    /** The record was signed with the secret of {@code platformId}. */
    record Verified(String platformId) implements SignatureCheck {

        public Verified {
            Objects.requireNonNull(platformId, "platformId");
        }

        @Override
        public boolean verified() {
            return true;
        }
    }

    /**
     * The record must not be applied.
     *
     * @param reason why, with a stable code for the dead-letter header
     * @param message one human sentence, naming the platform where there is one
     */
    record Rejected(Reason reason, String message) implements SignatureCheck {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean verified() {
            return false;
        }
    }

    /** Why a record is rejected. */
    enum Reason {
        MISSING_SIGNATURE("missing_signature"),
        UNSUPPORTED_SIGNATURE_VERSION("unsupported_signature_version"),
        MISSING_PLATFORM("missing_platform"),
        UNKNOWN_PLATFORM("unknown_platform"),
        MALFORMED_SIGNATURE("malformed_signature"),
        SIGNATURE_MISMATCH("signature_mismatch");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** A stable code, e.g. {@code signature_mismatch}. */
        public String code() {
            return code;
        }
    }
}
