package org.ipledger.agent.integration;

/**
 * Gives the platform its address space back in its local tables when it detaches (I6):
 * implemented where the replica lives.
 */
public interface AddressSpaceReturn {

    /**
     * Writes into the platform's tables the networks, pools and ranges this platform brought or
     * uses, and its own addresses with their owner names, DNSBL lists and notes.
     */
    Returned giveBack(String platformId);

    /** How many rows went back. */
    record Returned(int networks, int pools, int ranges, int addresses) {
    }
}
