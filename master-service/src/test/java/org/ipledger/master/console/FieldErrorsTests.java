package org.ipledger.master.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.ipledger.web.ApiException;
import org.junit.jupiter.api.Test;

class FieldErrorsTests {

    private static final Set<String> FIELDS = Set.of("cidr", "name", "vlan");

    @Test
    void aSentenceStartingWithAFieldNameGoesNextToThatField() {
        ApiException hostBits = ApiException.badRequest("host_bits_set", "cidr '10.0.0.1/24' has host bits set; the network is 10.0.0.0/24.");

        assertThat(FieldErrors.of(hostBits, FIELDS).byField())
                .containsExactly(Map.entry("cidr", "cidr '10.0.0.1/24' has host bits set; the network is 10.0.0.0/24."));
    }

    @Test
    void anOverlapGoesNextToTheCidrAndAnythingElseToTheWholeForm() {
        ApiException overlap = ApiException.conflict("network_overlap", "10.0.4.0/24 overlaps network 10.0.0.0/16 (id 3).");
        ApiException other = ApiException.conflict("conflict", "The change conflicts with a concurrent change.");

        assertThat(FieldErrors.of(overlap, FIELDS).byField()).containsOnlyKeys("cidr");
        assertThat(FieldErrors.of(other, FIELDS).byField()).containsOnlyKeys(FieldErrors.FORM);
    }

    @Test
    void aGatewayThatIsAlreadyTakenGoesNextToTheGateway() {
        ApiException taken = ApiException.conflict("address_taken",
                "The new gateway 10.0.0.5 is an allocated or reserved address; release it first.");

        assertThat(FieldErrors.of(taken, Set.of("gateway")).byField()).containsOnlyKeys("gateway");
    }
}
