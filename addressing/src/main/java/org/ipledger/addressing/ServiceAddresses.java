package org.ipledger.addressing;

import java.util.ArrayList;
import java.util.List;

import inet.ipaddr.IPAddress;

/**
 * The addresses of a network that are never allocated: the network address and, for IPv4, the
 * broadcast address (except in /31 and /32, RFC 3021), the IPv6 subnet-router anycast address
 * (except in /127 and /128, RFC 6164), and the gateway.
 */
public final class ServiceAddresses {

    private ServiceAddresses() {
    }

    public static List<IPAddress> of(IPAddress network, String gateway) {
        List<IPAddress> service = new ArrayList<>(3);
        int prefix = network.getNetworkPrefixLength();
        int bits = network.getBitCount();
        if (prefix < bits - 1) {
            service.add(network.getLower().withoutPrefixLength());
            if (network.isIPv4()) {
                service.add(network.getUpper().withoutPrefixLength());
            }
        }
        if (gateway != null) {
            service.add(AddressSyntax.address("gateway", gateway));
        }
        return service;
    }
}
