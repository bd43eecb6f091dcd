package org.ipledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokensTests {

    @Test
    void hashIsTheLowerCaseHexSha256AsTheDatabaseComputesIt() {
        assertThat(BearerTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void generatedTokensCarry256BitsUrlSafe() {
        String token = BearerTokens.generate();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(BearerTokens.generate()).isNotEqualTo(token);
    }
}
