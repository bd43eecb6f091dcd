package org.ipledger.agent.replica;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import org.ipledger.agent.api.ApiException;

/**
 * IP arithmetic of the replica, with the master's rules: the 16-byte key (IPv4 as IPv4-mapped
 * IPv6, so one unsigned byte order sorts both families), strict parsing of what clients send,
 * and the computed service addresses of a network.
 */
final class Addresses {

    private static final IPAddressStringParameters SINGLE_ADDRESS = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false).allowPrefixOnly(false)
            .allowWildcardedSeparator(false).setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
            .allow_inet_aton(false).toParams();

    private Addresses() {
    }

    /** An address a client sent; refused like the master refuses it. */
    static IPAddress parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("missing_field", field + " is required.");
        }
        try {
            IPAddress address = new IPAddressString(text.trim(), SINGLE_ADDRESS).toAddress();
            if (address.getNetworkPrefixLength() != null || address.isIPv6() && address.toIPv6().hasZone()) {
                throw ApiException.badRequest("malformed_address",
                        field + " must be a single address without a prefix length, got '" + text + "'.");
            }
            return address;
        } catch (AddressStringException e) {
            throw ApiException.badRequest("malformed_address",
                    field + " '" + text + "' is not a valid address: " + e.getMessage());
        }
    }

    /** An address or CIDR the master sent: already checked there. */
    static IPAddress trusted(String text) {
        IPAddress address = new IPAddressString(text).getAddress();
        if (address == null) {
            throw new IllegalArgumentException("the master sent an invalid address: " + text);
        }
        return address.getNetworkPrefixLength() == null ? address : address.toPrefixBlock();
    }

    static byte[] key(IPAddress address) {
        IPAddress plain = address.withoutPrefixLength();
        return plain.isIPv4() ? plain.toIPv4().getIPv4MappedAddress().getBytes() : plain.getBytes();
    }

    static byte[] key(String address) {
        return key(trusted(address));
    }

    static int family(String cidr) {
        return cidr.indexOf(':') >= 0 ? 6 : 4;
    }

    /** How many addresses {@code start}–{@code end} hold, as a decimal string (IPv6 sizes exceed JSON numbers). */
    static String size(String start, String end) {
        BigInteger first = trusted(start).getValue();
        return trusted(end).getValue().subtract(first).add(BigInteger.ONE).toString();
    }

    /**
     * Addresses never handed out: the network address, the IPv4 broadcast address (except in /31
     * and /32), the IPv6 subnet-router anycast address (except in /127 and /128), and the gateway.
     */
    static List<IPAddress> service(IPAddress block, String gateway) {
        List<IPAddress> service = new ArrayList<>(3);
        if (block.getNetworkPrefixLength() < block.getBitCount() - 1) {
            service.add(block.getLower().withoutPrefixLength());
            if (block.isIPv4()) {
                service.add(block.getUpper().withoutPrefixLength());
            }
        }
        if (gateway != null) {
            service.add(trusted(gateway));
        }
        return service;
    }
}
