package org.ipledger.schemas.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.ipledger.schemas.signing.SignatureCheck.Reason;
import org.ipledger.schemas.signing.SignatureCheck.Rejected;
import org.junit.jupiter.api.Test;

/** A record verifies only on its own topic, with its own key, CloudEvents id and time, value, platform secret and headers. */
class SignatureVerifierTests {

    private static final String TOPIC = "ipledger.commands";
    private static final String KEY = "12";
    private static final byte[] VALUE = "{\"requestId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier =
            new SignatureVerifier(PlatformSecrets.of(Map.of("vmmanager-1", "s3cret", "dcimanager-1", "other")));

    @Test
    void verifiesWhatItsPlatformSigned() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);

        assertThat(verifier.verify(TOPIC, KEY, headers, VALUE)).isEqualTo(new SignatureCheck.Verified("vmmanager-1"));
    }

    @Test
    void verifiesASignedTombstone() {
        Headers headers = signed("vmmanager-1", "s3cret", null);

        assertThat(verifier.verify(TOPIC, KEY, headers, null).verified()).isTrue();
    }

    @Test
    void verifiesWithASecretGivenOutSinceTheRememberedOne() {
        PlatformSecrets remembering = new PlatformSecrets() {
            @Override
            public Optional<String> secretOf(String platformId) {
                return Optional.of("before");
            }

            @Override
            public Optional<String> currentSecretOf(String platformId) {
                return Optional.of("after");
            }
        };
        SignatureVerifier afterRegisteringAgain = new SignatureVerifier(remembering);

        assertThat(afterRegisteringAgain.verify(TOPIC, KEY, signed("vmmanager-1", "after", VALUE), VALUE).verified()).isTrue();
        assertThat(reason(afterRegisteringAgain.verify(TOPIC, KEY, signed("vmmanager-1", "neither", VALUE), VALUE)))
                .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsATamperedValue() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        byte[] tampered = "{\"requestId\":\"r-2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(TOPIC, KEY, headers, tampered)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            assertThat(rejected.message()).contains("vmmanager-1");
        });
    }

    @Test
    void rejectsARecordReplayedOntoAnotherTopic() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);

        assertThat(reason(verifier.verify("ipledger.changes", KEY, headers, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsARecordReplayedWithAnotherKey() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);

        assertThat(reason(verifier.verify(TOPIC, "13", headers, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsAChangedCloudEventIdOrTime() {
        Headers id = signed("vmmanager-1", "s3cret", VALUE);
        id.remove("ce_id").add("ce_id", "ce-2".getBytes(StandardCharsets.UTF_8));
        Headers time = signed("vmmanager-1", "s3cret", VALUE);
        time.remove("ce_time").add("ce_time", "2026-12-06T04:00:01Z".getBytes(StandardCharsets.UTF_8));

        assertThat(reason(verifier.verify(TOPIC, KEY, id, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(reason(verifier.verify(TOPIC, KEY, time, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsAVersionOneSignatureOfTheValueAlone() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        headers.remove(SigningHeaders.VERSION);
        Headers relabelled = signed("vmmanager-1", "s3cret", VALUE);
        relabelled.remove(SigningHeaders.SIGNATURE).remove(SigningHeaders.VERSION)
                .add(SigningHeaders.SIGNATURE, HexFormat.of().formatHex(HmacSha256.mac("s3cret", VALUE))
                        .getBytes(StandardCharsets.US_ASCII))
                .add(SigningHeaders.VERSION, "1".getBytes(StandardCharsets.US_ASCII));

        assertThat(reason(verifier.verify(TOPIC, KEY, headers, VALUE))).isEqualTo(Reason.UNSUPPORTED_SIGNATURE_VERSION);
        assertThat(reason(verifier.verify(TOPIC, KEY, relabelled, VALUE))).isEqualTo(Reason.UNSUPPORTED_SIGNATURE_VERSION);
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        Headers headers = signed("vmmanager-1", "guessed", VALUE);

        assertThat(reason(verifier.verify(TOPIC, KEY, headers, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsARecordSignedByOnePlatformClaimingToBeAnother() {
        Headers headers = signed("dcimanager-1", "s3cret", VALUE);

        assertThat(reason(verifier.verify(TOPIC, KEY, headers, VALUE))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsARecordWithoutSignature() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        headers.remove(SigningHeaders.SIGNATURE);

        assertThat(verifier.verify(TOPIC, KEY, headers, VALUE)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
            assertThat(rejected.message()).contains(SigningHeaders.SIGNATURE);
        });
    }

    @Test
    void rejectsARecordWithoutPlatform() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        headers.remove(SigningHeaders.PLATFORM);

        assertThat(reason(verifier.verify(TOPIC, KEY, headers, VALUE))).isEqualTo(Reason.MISSING_PLATFORM);
    }

    @Test
    void rejectsARecordOfAnUnknownPlatform() {
        Headers headers = signed("stranger-1", "s3cret", VALUE);

        assertThat(verifier.verify(TOPIC, KEY, headers, VALUE)).isInstanceOfSatisfying(Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Reason.UNKNOWN_PLATFORM);
            assertThat(rejected.message()).contains("stranger-1");
        });
    }

    @Test
    void rejectsASignatureThatIsNotHex() {
        Headers headers = signed("vmmanager-1", "s3cret", VALUE);
        headers.remove(SigningHeaders.SIGNATURE).add(SigningHeaders.SIGNATURE, "z".repeat(64).getBytes(StandardCharsets.US_ASCII));

        assertThat(reason(verifier.verify(TOPIC, KEY, headers, VALUE))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }

    private static Headers signed(String platformId, String secret, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, KEY, value);
        record.headers().add("ce_id", "ce-1".getBytes(StandardCharsets.UTF_8))
                .add("ce_time", "2026-12-06T04:00:00Z".getBytes(StandardCharsets.UTF_8));
        new RecordSigner(platformId, secret).sign(record);
        return record.headers();
    }

    private static Reason reason(SignatureCheck check) {
        assertThat(check).isInstanceOf(Rejected.class);
        return ((Rejected) check).reason();
    }
}
