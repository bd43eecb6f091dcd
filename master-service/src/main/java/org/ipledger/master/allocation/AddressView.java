package org.ipledger.master.allocation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One address as the API shows it: stored or computed status and where it lies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddressView(String address, String status, Long poolId, Long networkId, String platformId,
                          String owner) {
}
