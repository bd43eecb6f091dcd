package org.ipledger.agent.replica;

import java.math.BigInteger;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.ipledger.addressing.AddressKey;

/**
 * IP arithmetic of the replica on what the master sent (module {@code addressing}): the 16-byte
 * key, the family and the size of a range. What clients send is parsed by {@code AddressParser}.
 */
final class Addresses {

    private Addresses() {
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
        return AddressKey.of(address);
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
}
