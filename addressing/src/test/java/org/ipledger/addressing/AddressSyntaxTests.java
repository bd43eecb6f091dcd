package org.ipledger.addressing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSyntaxTests {

    @Test
    void anAddressParsesToItsCanonicalFormWithSurroundingBlanksIgnored() {
        assertThat(AddressSyntax.address("address", " 10.0.0.1 ").toCanonicalString()).isEqualTo("10.0.0.1");
        assertThat(AddressSyntax.address("address", "2001:DB8:0:0::1").toCanonicalString()).isEqualTo("2001:db8::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1", "10.0.0.*", "10.0.0.1-5", "10.0.0.256", "not an address", "fe80::1%eth0"})
    void anAmbiguousOrInvalidAddressIsRefusedAsMalformed(String text) {
        assertThatThrownBy(() -> AddressSyntax.address("address", text))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> assertThat(e.code()).isEqualTo("malformed_address"))
                .hasMessageContaining("address").hasMessageContaining(text);
    }

    @Test
    void anAddressWithAPrefixLengthIsRefused() {
        assertThatThrownBy(() -> AddressSyntax.address("gateway", "10.0.0.1/24"))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> assertThat(e.code()).isEqualTo("malformed_address"))
                .hasMessage("gateway must be a single address without a prefix length, got '10.0.0.1/24'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankValueIsAMissingField(String text) {
        assertThatThrownBy(() -> AddressSyntax.network("cidr", text))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> assertThat(e.code()).isEqualTo("missing_field"))
                .hasMessage("cidr is required.");
        assertThatThrownBy(() -> AddressSyntax.address("address", null))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> assertThat(e.code()).isEqualTo("missing_field"));
    }

    @Test
    void aNetworkParsesToItsPrefixBlock() {
        assertThat(AddressSyntax.network("cidr", "10.0.0.0/24").toCanonicalString()).isEqualTo("10.0.0.0/24");
        assertThat(AddressSyntax.network("cidr", "2001:db8::/64").toCanonicalString()).isEqualTo("2001:db8::/64");
    }

    @Test
    void aNetworkWithoutPrefixLengthIsRefusedAsMalformed() {
        assertThatThrownBy(() -> AddressSyntax.network("cidr", "10.0.0.0"))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> assertThat(e.code()).isEqualTo("malformed_cidr"));
    }

    @Test
    void aNetworkWithHostBitsSetIsRefusedNamingTheNetworkMeant() {
        assertThatThrownBy(() -> AddressSyntax.network("cidr", "10.0.0.1/24"))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> assertThat(e.code()).isEqualTo("host_bits_set"))
                .hasMessage("cidr '10.0.0.1/24' has host bits set; the network is 10.0.0.0/24.");
    }

    @Test
    void anIpv6NetworkInTheIpv4MappedBlockIsRefused() {
        assertThatThrownBy(() -> AddressSyntax.network("cidr", "::ffff:10.0.0.0/120"))
                .isInstanceOfSatisfying(InvalidAddressException.class,
                        e -> assertThat(e.code()).isEqualTo("ipv4_mapped_network"));
    }
}
