package org.ipledger.schemas.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ipledger.schemas.signing.SignatureCheck.Reason;
import org.ipledger.schemas.signing.SignatureCheck.Rejected;
import org.junit.jupiter.api.Test;

/** A record verifies only with its own value, its platform's secret and both headers. */
class SignatureVerifierTests {

    private static final byte[] VALUE = "{\"requestId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier =
            new SignatureVerifier(PlatformSecrets.of(Map.of("vmmanager-1", "s3cret", "dcimanager-1", "other")));

    @Test
    void verifiesWhatItsPlatformSigned() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);

        assertThat(verifier.verify(headers, VALUE)).isEqualTo(new SignatureCheck.Verified("vmmanager-1"));
    }

    @Test
    void verifiesASignedTombstone() {
        Headers headers = signed("vmmanager-1", "s3cret", null);

        assertThat(verifier.verify(headers, null).verified()).isTrue();
    }

    @Test
    void rejectsATamperedValue() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        byte[] tampered = "{\"requestId\":\"r-2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(headers, tampered)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            assertThat(rejected.message()).contains("vmmanager-1");
        });
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        Headers headers = signed("vmmanager-1", "guessed", VALUE);

        assertThat(reason(verifier.verify(headers, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsARecordSignedByOnePlatformClaimingToBeAnother() {
        Headers headers = signed("dcimanager-1", "s3cret", VALUE);

        assertThat(reason(verifier.verify(headers, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsARecordWithoutSignature() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        headers.remove(SigningHeaders.SIGNATURE);

        assertThat(verifier.verify(headers, VALUE)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
            assertThat(rejected.message()).contains(SigningHeaders.SIGNATURE);
        });
    }

    @Test
    void rejectsARecordWithoutPlatform() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        headers.remove(SigningHeaders.PLATFORM);

        assertThat(reason(verifier.verify(headers, VALUE))).isEqualTo(Reason.MISSING_PLATFORM);
    }

    @Test
    void rejectsARecordOfAnUnknownPlatform() {
        Headers headers = signed("stranger-1", "s3cret", VALUE);

        assertThat(verifier.verify(headers, VALUE)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.UNKNOWN_PLATFORM);
            assertThat(rejected.message()).contains("stranger-1");
        });
    }

    @Test
    void rejectsASignatureThatIsNotHex() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        headers.remove(SigningHeaders.SIGNATURE).add(SigningHeaders.SIGNATURE, "z".repeat(64).getBytes(StandardCharsets.US_ASCII));

        assertThat(reason(verifier.verify(headers, VALUE))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }

    private static Headers signed(String platformId, String secret, byte[] value) {
        Headers headers = new RecordHeaders();
        new RecordSigner(platformId, secret).sign(headers, value);
        return headers;
    }

    private static Reason reason(SignatureCheck check) {
        assertThat(check).isInstanceOf(Rejected.class);
        return ((Rejected) check).reason();
    }
}
