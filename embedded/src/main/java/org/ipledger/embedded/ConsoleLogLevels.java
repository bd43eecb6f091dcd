package org.ipledger.embedded;

import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import org.slf4j.event.Level;

/**
 * Maps the console lines of mariadbd and mariadb-install-db to log levels by the severity
 * MariaDB prints in them, so that a healthy start logs quietly at debug level.
 */
final class ConsoleLogLevels extends OutputStreamLogDispatcher {

    @Override
    public Level dispatch(OutputStreamType type, String line) {
        if (line.contains("[ERROR]")) {
            return Level.ERROR;
        }
        if (line.contains("ignored in --skip-name-resolve mode")) {
            // mariadb-install-db always adds root@<host name>, which we never use.
            return Level.DEBUG;
        }
        if (line.contains("[Warning]")) {
            return Level.WARN;
        }
        return Level.DEBUG;
    }

}
