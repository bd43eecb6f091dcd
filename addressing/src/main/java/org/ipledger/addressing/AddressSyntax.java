package org.ipledger.addressing;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * Turns the address and CIDR strings clients send into {@link IPAddress} values, refusing anything
 * ambiguous (wildcards, ranges, zones, inet_aton shorthands such as {@code 10.1}) with an error
 * that names the field and the value.
 */
public final class AddressSyntax {

    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
            .allow_inet_aton(false)
            .toParams();

    private static final IPAddress IPV4_MAPPED = new IPAddressString("::ffff:0:0/96").getAddress();

    private AddressSyntax() {
    }

    /** A single address, without prefix length. */
    public static IPAddress address(String field, String text) {
        IPAddress address = parse(field, text, "address");
        if (address.getNetworkPrefixLength() != null) {
            throw new InvalidAddressException("malformed_address",
                    field + " must be a single address without a prefix length, got '" + text + "'.");
        }
        return address;
    }

    /**
     * A network in CIDR notation with its host bits clear. A CIDR with host bits set is refused,
     * not silently truncated: the caller most likely mistyped it.
     */
    public static IPAddress network(String field, String text) {
        IPAddress address = parse(field, text, "CIDR");
        Integer prefix = address.getNetworkPrefixLength();
        if (prefix == null) {
            throw new InvalidAddressException("malformed_cidr",
                    field + " must be a network in CIDR notation such as 10.0.0.0/24, got '" + text + "'.");
        }
        // "10.0.0.0/24" parses as the whole block; "10.0.0.1/24" as one address with a prefix.
        if (!address.isPrefixBlock()) {
            throw new InvalidAddressException("host_bits_set", field + " '" + text + "' has host bits set; the network is "
                    + address.toPrefixBlock().toCanonicalString() + ".");
        }
        IPAddress block = address.toPrefixBlock();
        if (block.isIPv6() && IPV4_MAPPED.contains(block.getLower())) {
            throw new InvalidAddressException("ipv4_mapped_network",
                    field + " '" + text + "' lies in ::ffff:0:0/96; give IPv4 networks in IPv4 notation.");
        }
        return block;
    }

    private static IPAddress parse(String field, String text, String what) {
        String code = what.equals("CIDR") ? "malformed_cidr" : "malformed_address";
        if (text == null || text.isBlank()) {
            throw new InvalidAddressException("missing_field", field + " is required.");
        }
        try {
            IPAddress address = new IPAddressString(text.trim(), STRICT).toAddress();
            if (address.isIPv6() && address.toIPv6().hasZone()) {
                throw new InvalidAddressException(code, field + " must not carry an IPv6 zone, got '" + text + "'.");
            }
            return address;
        } catch (AddressStringException e) {
            throw new InvalidAddressException(code, field + " '" + text + "' is not a valid " + what + ": " + e.getMessage());
        }
    }
}
