package org.ipledger.master.pool;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A stored pool as the API shows it. Empty {@code locations} means all locations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pool(long id, String name, List<String> locations, String note, String platformId) {
}
