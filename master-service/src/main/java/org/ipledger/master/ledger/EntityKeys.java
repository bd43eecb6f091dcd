package org.ipledger.master.ledger;

/** Keys of ledger entries (and of their records on the ledger topic): one per entity. */
public final class EntityKeys {

    private EntityKeys() {
    }

    public static String network(long id) {
        return "network:" + id;
    }

    public static String pool(long id) {
        return "pool:" + id;
    }

    public static String range(long id) {
        return "range:" + id;
    }

    public static String address(String address) {
        return "address:" + address;
    }
}
