package org.ipledger.agent.api;

import org.ipledger.web.ApiException;

/** The statuses an address can be stored in, as the master checks them: a filter or a PATCH names one. */
public final class AddressStatuses {

    private AddressStatuses() {
    }

    /** The status if it is {@code allocated} or {@code reserved}; a 400 {@code invalid_status} otherwise. */
    public static String storable(String status) {
        if (!"allocated".equals(status) && !"reserved".equals(status)) {
            throw ApiException.badRequest("invalid_status", "status must be 'allocated' or 'reserved', got '" + status + "'.");
        }
        return status;
    }
}
