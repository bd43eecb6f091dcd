package org.ipledger.addressing;

import java.math.BigInteger;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * The 16-byte database key of an address: IPv6 as it is, IPv4 as its IPv4-mapped IPv6 form
 * ({@code ::ffff:a.b.c.d}). One byte order then sorts both families, and a key range never mixes
 * them because IPv6 networks inside {@code ::ffff:0:0/96} are refused.
 */
public final class AddressKey {

    private AddressKey() {
    }

    public static byte[] of(IPAddress address) {
        IPAddress plain = address.withoutPrefixLength();
        return plain.isIPv4() ? plain.toIPv4().getIPv4MappedAddress().getBytes() : plain.getBytes();
    }

    public static IPAddress address(byte[] key) {
        IPv6Address v6 = new IPv6Address(key);
        return v6.isIPv4Mapped() ? v6.getEmbeddedIPv4Address() : v6;
    }

    /** The address as an unsigned number, for offset arithmetic. */
    public static BigInteger value(IPAddress address) {
        return address.withoutPrefixLength().getValue();
    }

    public static IPAddress fromValue(int family, BigInteger value) {
        return family == 4 ? new IPv4Address(value.intValue()) : new IPv6Address(value);
    }

    public static int family(IPAddress address) {
        return address.isIPv4() ? 4 : 6;
    }
}
