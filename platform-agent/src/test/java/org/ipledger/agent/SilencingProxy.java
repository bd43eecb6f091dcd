package org.ipledger.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, one of whose connections the test can cut off
 * from the server without its client noticing: the server sees the connection closed, the client
 * sees an open connection on which nothing arrives, as when a network drops a path silently.
 */
public final class SilencingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    private SilencingProxy(int serverPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.serverPort = serverPort;
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + serverPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SilencingProxy to(int serverPort) {
        try {
            return new SilencingProxy(serverPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Cuts off the connection that reaches the server from this local port (the port the server
     * lists as the client's): closed toward the server, left open and silent toward the client.
     */
    public void silence(int portTowardServer) throws IOException {
        for (Link link : links) {
            if (link.server.getLocalPort() == portTowardServer) {
                link.silenced = true;
                link.server.close();
                return;
            }
        }
        throw new IllegalArgumentException("no connection reaches the server from port " + portTowardServer);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Link link : links) {
            link.client.close();
            link.server.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Link link = new Link(client, new Socket(InetAddress.getLoopbackAddress(), serverPort));
                links.add(link);
                pump(link, link.client.getInputStream(), link.server.getOutputStream());
                pump(link, link.server.getInputStream(), link.client.getOutputStream());
            } catch (IOException e) {
                // Closed, or the server refused one connection: its client sees it closed.
            }
        }
    }

    private static void pump(Link link, InputStream from, OutputStream to) {
        Thread pump = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // One side closed.
            }
            if (!link.silenced) {
                link.closeBoth();
            }
        }, "proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static final class Link {

        final Socket client;
        final Socket server;
        volatile boolean silenced;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void closeBoth() {
            try {
                client.close();
                server.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }
}
