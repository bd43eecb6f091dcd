package org.ipledger.master.network;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import inet.ipaddr.IPAddress;
import org.ipledger.web.AddressParser;

/** A stored network as the API shows it. Empty {@code locations} means all locations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Network(long id, String cidr, String name, int family, String gateway, Integer vlan,
                      List<String> locations, String note, String platformId) {

    @JsonIgnore
    public IPAddress block() {
        return AddressParser.network("cidr", cidr);
    }
}
