package org.ipledger.master.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ipledger.schemas.AddressStatus;
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangeOperation;
import org.ipledger.schemas.change.NetworkRow;
import org.ipledger.schemas.change.PlatformRow;
import org.junit.jupiter.api.Test;

class RowChangesTests {

    private static final AddressRow ADDRESS = new AddressRow(7, Optional.of(1L), "10.1.0.7", AddressStatus.ALLOCATED);

    @Test
    void createsAndUpdatesOfAddressesAreAppliedTogether() {
        assertThat(RowChanges.isAddressWrite(event(ChangeOperation.CREATE, ADDRESS))).isTrue();
        assertThat(RowChanges.isAddressWrite(event(ChangeOperation.UPDATE, ADDRESS))).isTrue();
    }

    @Test
    void anAddressDeleteIsAppliedOnItsOwn() {
        assertThat(RowChanges.isAddressWrite(event(ChangeOperation.DELETE, ADDRESS))).isFalse();
    }

    @Test
    void aChangeOfAnotherTableIsAppliedOnItsOwn() {
        NetworkRow network = new NetworkRow(1, "net", "10.1.0.0", 24, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());

        assertThat(RowChanges.isAddressWrite(event(ChangeOperation.CREATE, network))).isFalse();
    }

    private static ChangeEvent event(ChangeOperation op, PlatformRow row) {
        return new ChangeEvent("event-1", "platform-a", 1, Optional.empty(), Instant.now(), op, row);
    }
}
