package org.ipledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The listening TCP sockets of this host's network namespace, read from Linux's
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6}: what is really bound, whatever a server's
 * configuration says.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** {@code address:port} of every listening socket on one of the ports, e.g. {@code 0.0.0.0:9092}. */
    static List<String> onPorts(Set<Integer> ports) throws IOException {
        List<String> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            // A header, then "sl local_address rem_address st ..." with addresses as HEX:HEXPORT.
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                int port = Integer.parseInt(local[1], 16);
                if (LISTEN.equals(fields[3]) && ports.contains(port)) {
                    sockets.add(address(local[0]) + ":" + port);
                }
            }
        }
        return sockets;
    }

    /** The kernel prints each 32-bit word of the address in the host's byte order. */
    private static String address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        ByteBuffer words = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        ByteBuffer network = ByteBuffer.allocate(raw.length).order(ByteOrder.BIG_ENDIAN);
        while (words.hasRemaining()) {
            network.putInt(words.getInt());
        }
        try {
            return InetAddress.getByAddress(network.array()).getHostAddress();
        }
        catch (UnknownHostException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
