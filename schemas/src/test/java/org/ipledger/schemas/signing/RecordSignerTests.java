package org.ipledger.schemas.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The signature is exactly the one DESIGN.md defines. */
class RecordSignerTests {

    @Test
    void signsWithLowercaseHexHmacSha256KeyedWithTheSecretsUtf8Bytes() {
        // RFC 4231, test case 2.
        RecordSigner signer = new RecordSigner("vmmanager-1", "Jefe");

        assertThat(signer.signatureOf("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void writesSignatureAndPlatformHeadersOnce() {
        RecordSigner signer = new RecordSigner("vmmanager-1", "s3cret-ü");
        Headers headers = new RecordHeaders();
        byte[] value = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        signer.sign(headers, "{\"a\":0}".getBytes(StandardCharsets.UTF_8));
        signer.sign(headers, value);

        assertThat(headers.headers(SigningHeaders.SIGNATURE)).singleElement()
                .satisfies(header -> assertThat(new String(header.value(), StandardCharsets.US_ASCII))
                        .isEqualTo(signer.signatureOf(value))
                        .matches("[0-9a-f]{64}"));
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
