package org.ipledger.master.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class UsageTests {

    @Test
    void oneAddressInASlashEightStillShowsAsOnePerCent() {
        assertThat(new Usage(1, BigInteger.ONE.shiftLeft(24)).percent()).isEqualTo(1);
    }

    @Test
    void anEmptyOrSizelessBlockShowsNothingAndAFullOneAHundred() {
        assertThat(new Usage(0, BigInteger.valueOf(256)).percent()).isZero();
        assertThat(new Usage(0, BigInteger.ZERO).percent()).isZero();
        assertThat(new Usage(256, BigInteger.valueOf(256)).percent()).isEqualTo(100);
    }

    @Test
    void aSlashSixtyFourIsCountedWithoutOverflow() {
        assertThat(new Usage(1_000_000, BigInteger.ONE.shiftLeft(64)).percent()).isEqualTo(1);
    }
}
