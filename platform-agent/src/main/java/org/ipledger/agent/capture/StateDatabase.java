package org.ipledger.agent.capture;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How Debezium's JDBC storage reaches the agent's state database, where capture keeps its offsets
 * and schema history next to the changes they cover: as a user of its own that may only read and
 * write those two tables.
 */
record StateDatabase(String url, String username, String password) {

    /** Upper case: H2 stores unquoted names so, and Debezium looks its tables up by exact name. */
    static final String OFFSET_TABLE = "CAPTURE_OFFSET";
    static final String SCHEMA_HISTORY_TABLE = "CAPTURE_SCHEMA_HISTORY";

    private static final String USER = "CAPTURE";

    /**
     * Creates (or updates) capture's user with a new random password on the agent's H2 database.
     * Debezium requires a non-empty password, the agent's own user has none, and a password that
     * lives only in this process needs no storing.
     */
    static StateDatabase forCapture(JdbcTemplate state, String url) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        // Hex only, so it can stand in the statement: H2 takes no parameters in DDL.
        String password = HexFormat.of().formatHex(secret);
        state.execute("CREATE USER IF NOT EXISTS " + USER + " PASSWORD '" + password + "'");
        state.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
        state.execute("GRANT SELECT, INSERT, DELETE ON TABLE " + OFFSET_TABLE + ", " + SCHEMA_HISTORY_TABLE + " TO " + USER);
        // The database is open in this process already, with the agent's settings (WRITE_DELAY...),
        // which only an administrator may give in a URL.
        return new StateDatabase(url.split(";", 2)[0], USER, password);
    }
}
