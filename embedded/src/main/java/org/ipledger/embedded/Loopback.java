package org.ipledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The one address every embedded server (and every test server) binds to, and free ports on it. */
public final class Loopback {

    /** IPv4 on purpose: "localhost" may resolve to ::1 first, where nothing listens. */
    static final String ADDRESS = "127.0.0.1";

    /**
     * Every port handed out in this JVM. A test reserves a port for a service it starts later in
     * another process; meanwhile an embedded broker asking for a port must not get the same one,
     * which the kernel readily hands out again once it is released.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Loopback() {
    }

    /**
     * A port that was free a moment ago and that this JVM has not handed out before. Another
     * process may take it before our server binds it, so callers retry with another one when
     * binding fails.
     */
    public static int freePort() {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
                port = socket.getLocalPort();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not find a free port on " + ADDRESS, ex);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
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
