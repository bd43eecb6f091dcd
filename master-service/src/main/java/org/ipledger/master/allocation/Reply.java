package org.ipledger.master.allocation;

/**
 * The answer to an address request as it is sent and stored: an HTTP status and a JSON body. A
 * repeated request id gets this same answer back byte for byte.
 */
public record Reply(int status, String body) {

    public boolean ok() {
        return status < 400;
    }
}
