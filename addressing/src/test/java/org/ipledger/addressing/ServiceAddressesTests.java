package org.ipledger.addressing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import inet.ipaddr.IPAddress;
import org.junit.jupiter.api.Test;

class ServiceAddressesTests {

    @Test
    void anIpv4NetworkReservesItsNetworkAndBroadcastAddressesAndItsGateway() {
        assertThat(texts(ServiceAddresses.of(network("10.0.0.0/24"), "10.0.0.1")))
                .containsExactly("10.0.0.0", "10.0.0.255", "10.0.0.1");
    }

    @Test
    void withoutAGatewayOnlyTheNetworkAndBroadcastAddressesAreReserved() {
        assertThat(texts(ServiceAddresses.of(network("192.168.4.0/22"), null)))
                .containsExactly("192.168.4.0", "192.168.7.255");
    }

    @Test
    void pointToPointAndHostIpv4NetworksReserveNothing() {
        assertThat(ServiceAddresses.of(network("10.0.0.0/31"), null)).isEmpty();
        assertThat(ServiceAddresses.of(network("10.0.0.7/32"), null)).isEmpty();
    }

    @Test
    void anIpv6NetworkReservesItsSubnetRouterAnycastAddressButHasNoBroadcast() {
        assertThat(texts(ServiceAddresses.of(network("2001:db8::/64"), "2001:db8::1")))
                .containsExactly("2001:db8::", "2001:db8::1");
    }

    @Test
    void pointToPointAndHostIpv6NetworksReserveOnlyTheirGateway() {
        assertThat(ServiceAddresses.of(network("2001:db8::/127"), null)).isEmpty();
        assertThat(ServiceAddresses.of(network("2001:db8::5/128"), null)).isEmpty();
        assertThat(texts(ServiceAddresses.of(network("2001:db8::/127"), "2001:db8::1"))).containsExactly("2001:db8::1");
    }

    private static IPAddress network(String cidr) {
        return AddressSyntax.network("cidr", cidr);
    }

    private static List<String> texts(List<IPAddress> addresses) {
        return addresses.stream().map(IPAddress::toCanonicalString).toList();
    }
}
