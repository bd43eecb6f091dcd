package org.ipledger.agent.capture;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangeOperation;
import org.ipledger.schemas.reply.CommandReply;
import org.springframework.jdbc.core.JdbcTemplate;

/** Capture's writes to the agent's state: owner data kept local (I5) and refused changes. */
final class CaptureBook {

    private final JdbcTemplate state;

    CaptureBook(DataSource stateDataSource) {
        this.state = new JdbcTemplate(stateDataSource);
    }

    /** Moves the owner, DNSBL list and note of captured address rows into local_owner. */
    void keepLocal(List<CapturedRow> changes) {
        List<Object[]> merge = new ArrayList<>();
        List<Object[]> clear = new ArrayList<>();
        for (CapturedRow change : changes) {
            if (change.op() == ChangeOperation.DELETE || change.localOnly().isEmpty()) {
                continue;
            }
            CapturedRow.LocalOwner local = change.localOnly().get();
            if (local.empty()) {
                clear.add(new Object[] {local.address()});
            } else {
                merge.add(new Object[] {local.address(), local.owner(), local.dnsbl(), local.note()});
            }
        }
        if (!merge.isEmpty()) {
            state.batchUpdate("MERGE INTO local_owner (address, owner, dnsbl, note) KEY (address) VALUES (?, ?, ?, ?)", merge);
        }
        if (!clear.isEmpty()) {
            state.batchUpdate("DELETE FROM local_owner WHERE address = ?", clear);
        }
    }

    /** An address the platform released (deleted) has no owner any more. */
    void forgetReleased(List<ChangeEvent> confirmed) {
        List<Object[]> released = confirmed.stream()
                .filter(c -> c.op() == ChangeOperation.DELETE && c.row() instanceof AddressRow)
                .map(c -> new Object[] {((AddressRow) c.row()).address()}).toList();
        if (!released.isEmpty()) {
            state.batchUpdate("DELETE FROM local_owner WHERE address = ?", released);
        }
    }

    void rejected(ChangeEvent event, CommandReply receipt) {
        state.update("MERGE INTO capture_rejection (event_id, tbl, local_id, error, message) KEY (event_id) VALUES (?, ?, ?, ?, ?)",
                event.eventId(), event.table().tableName(), event.row().id(), receipt.error().orElse("rejected"),
                receipt.message().orElse(null));
    }

    void clearRejections() {
        state.update("DELETE FROM capture_rejection");
    }

    long rejectionCount() {
        Long count = state.queryForObject("SELECT COUNT(*) FROM capture_rejection", Long.class);
        return count == null ? 0 : count;
    }

    List<CaptureStatus.Rejection> latestRejections(int limit) {
        return state.query("SELECT event_id, tbl, local_id, error, message, at FROM capture_rejection ORDER BY at DESC FETCH FIRST ? ROWS ONLY",
                (rs, n) -> new CaptureStatus.Rejection(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()), limit);
    }
}
