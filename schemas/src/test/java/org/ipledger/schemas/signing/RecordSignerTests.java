package org.ipledger.schemas.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The signature is exactly signature v2 as DESIGN.md defines it. */
class RecordSignerTests {

    @Test
    void signsTopicKeyCloudEventIdAndTimeThenTheValueWithHmacSha256KeyedWithTheSecretsUtf8Bytes() {
        // Computed independently: HMAC-SHA256("s3cret-ü", "ipledger.commands\n12\nce-1\n2026-12-06T04:00:00Z\n{"a":"ü"}").
        RecordSigner signer = new RecordSigner("vmmanager-1", "s3cret-ü");
        Headers headers = new RecordHeaders()
                .add("ce_id", "ce-1".getBytes(StandardCharsets.UTF_8))
                .add("ce_time", "2026-12-06T04:00:00Z".getBytes(StandardCharsets.UTF_8));

        assertThat(signer.signatureOf("ipledger.commands", "12", headers, "{\"a\":\"ü\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("74a9c888c8e80735725f6729df36288852c33b47dc84adf3bb8a4dac0682845f");
    }

    @Test
    void signsAnAbsentKeyCloudEventHeadersAndValueAsEmpty() {
        RecordSigner signer = new RecordSigner("vmmanager-1", "Jefe");

        assertThat(signer.signatureOf("ipledger.changes", null, new RecordHeaders(), null))
                .isEqualTo("468abd63ea56ff1a2e9ba96f91cd98b84d5b5b7bff4d338a3c74c60a6211f150");
    }

    @Test
    void writesSignatureVersionAndPlatformHeadersOnce() {
        RecordSigner signer = new RecordSigner("vmmanager-1", "s3cret-ü");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("ipledger.changes", "vmmanager-1",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        signer.sign(record);
        signer.sign(record);

        Headers headers = record.headers();
        assertThat(headers.headers(SigningHeaders.SIGNATURE)).singleElement()
                .satisfies(header -> assertThat(new String(header.value(), StandardCharsets.US_ASCII))
                        .isEqualTo(signer.signatureOf(record.topic(), record.key(), headers, record.value()))
                        .matches("[0-9a-f]{64}"));
        assertThat(headers.headers(SigningHeaders.VERSION)).singleElement()
                .satisfies(header -> assertThat(header.value()).asString(StandardCharsets.US_ASCII).isEqualTo("2"));
        assertThat(headers.headers(SigningHeaders.PLATFORM)).singleElement()
                .satisfies(header -> assertThat(header.value()).asString(StandardCharsets.UTF_8).isEqualTo("vmmanager-1"));
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RecordSigner("vmmanager-1", ""));
    }

    @Test
    void doesNotShowItsSecret() {
        assertThat(new RecordSigner("vmmanager-1", "s3cret")).asString().doesNotContain("s3cret");
    }
}
