package org.ipledger.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A JVM that starts an embedded server on a kept data directory, writes a row, says so in a file
 * and waits to be killed, as a service would be.
 */
public final class ServerOfAKilledJvm {

    private ServerOfAKilledJvm() {
    }

    /** @param args the data directory and the file that says the row is written */
    public static void main(String[] args) throws Exception {
        EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of(args[0]), true, 0, 21);
        String url = server.createDatabase("ledger");
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE entry (id INT PRIMARY KEY, note VARCHAR(40))");
            statement.execute("INSERT INTO entry VALUES (1, 'written before the kill')");
        }
        Files.writeString(Path.of(args[1]), "ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
