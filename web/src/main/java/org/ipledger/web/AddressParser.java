package org.ipledger.web;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressSyntax;
import org.ipledger.addressing.InvalidAddressException;

/** The address rules of {@link AddressSyntax}, refusing with the API's 400 and the rule's code. */
public final class AddressParser {

    private AddressParser() {
    }

    /** A single address, without prefix length. */
    public static IPAddress address(String field, String text) {
        try {
            return AddressSyntax.address(field, text);
        } catch (InvalidAddressException e) {
            throw ApiException.badRequest(e.code(), e.getMessage());
        }
    }

    /** A network in CIDR notation with its host bits clear. */
    public static IPAddress network(String field, String text) {
        try {
            return AddressSyntax.network(field, text);
        } catch (InvalidAddressException e) {
            throw ApiException.badRequest(e.code(), e.getMessage());
        }
    }
}
