package org.ipledger.agent.capture;

import java.util.Map;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A place in the platform server's binlog. Its {@link #sequence} orders captured rows across
 * files: the file's number, the event's byte offset and the row's index within the event.
 *
 * @param file e.g. {@code mysql-bin.000003}
 * @param position byte offset of an event in that file
 */
public record BinlogPosition(String file, long position) {

    private static final int ROW_BITS = 16;
    private static final int POSITION_BITS = 32;

    /** Where the server is writing now. */
    public static BinlogPosition current(PlatformDatabase platform) {
        JdbcTemplate jdbc = new JdbcTemplate(platform.dataSource());
        Map<String, Object> status;
        try {
            status = jdbc.queryForMap("SHOW MASTER STATUS");
        } catch (RuntimeException e) {
            // MySQL 8.4 knows only the new name.
            status = jdbc.queryForMap("SHOW BINARY LOG STATUS");
        }
        return new BinlogPosition((String) status.get("File"), ((Number) status.get("Position")).longValue());
    }

    /** The increasing number of the row at index {@code row} of the event at this position. */
    public long sequence(int row) {
        long fileNumber = Long.parseLong(file.substring(file.lastIndexOf('.') + 1));
        if (position >= 1L << POSITION_BITS || row >= 1 << ROW_BITS || fileNumber >= 1L << (63 - POSITION_BITS - ROW_BITS)) {
            throw new IllegalStateException("binlog position " + this + " row " + row + " is beyond the sequence's range");
        }
        return (fileNumber << (POSITION_BITS + ROW_BITS)) | (position << ROW_BITS) | row;
    }
}
