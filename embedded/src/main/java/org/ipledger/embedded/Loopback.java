package org.ipledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The one address every embedded server (and every test server) binds to, and free ports on it. */
public final class Loopback {

    /** IPv4 on purpose: "localhost" may resolve to ::1 first, where nothing listens. */
    static final String ADDRESS = "127.0.0.1";

    private Loopback() {
    }

    /**
     * A port that was free a moment ago. Another process may take it before our server binds it,
     * so callers retry with another one when binding fails.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not find a free port on " + ADDRESS, ex);
        }
    }

    /** Whether nothing listens on the port right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(ADDRESS))) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
