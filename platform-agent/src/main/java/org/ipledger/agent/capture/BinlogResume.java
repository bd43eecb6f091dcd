package org.ipledger.agent.capture;

import java.nio.file.Path;
import java.util.List;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether capture can resume where its stored offsets say: the binlog file they name must still be
 * on the platform's server. One purged meanwhile ({@code PURGE BINARY LOGS}, or expired while the
 * agent was down) cannot be read again, and Debezium refuses to start from it; tried again every
 * few seconds, the start would never succeed and no one would be told.
 */
final class BinlogResume {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BinlogResume() {
    }

    /**
     * Nothing when capture has no stored offsets yet (it then begins at the binlog's end) or the
     * server still has their file.
     *
     * @throws PurgedBinlogException when the server no longer has the file
     * @throws org.springframework.dao.DataAccessException when the server cannot be asked: not a
     *         purge, and worth trying again
     */
    static void check(PlatformDatabase platform, Path offsetsFile) {
        List<String> stored = AtomicFileOffsetBackingStore.read(offsetsFile).stream()
                .map(offset -> JSON.readTree(offset).path("file")).filter(JsonNode::isString).map(JsonNode::asString)
                .toList();
        if (stored.isEmpty()) {
            return;
        }
        List<String> onServer = new JdbcTemplate(platform.dataSource()).query("SHOW BINARY LOGS", (rs, row) -> rs.getString(1));
        for (String file : stored) {
            if (!onServer.contains(file)) {
                throw new PurgedBinlogException(file, onServer);
            }
        }
    }

    /** Capture's stored offsets name a binlog file the platform's server no longer has. */
    static final class PurgedBinlogException extends IllegalStateException {

        PurgedBinlogException(String file, List<String> onServer) {
            super("capture cannot resume: the binlog file " + file + " its stored offsets name is no longer on the "
                    + "platform's database server (it has " + (onServer.isEmpty() ? "none"
                    : onServer.get(0) + " to " + onServer.get(onServer.size() - 1)) + "), purged while capture was "
                    + "stopped or behind; what the platform wrote in the purged files cannot be captured. Detach the "
                    + "agent and join it again: the platform's address space is written back to its tables and "
                    + "migrated afresh, and capture starts from then on");
        }
    }
}
