package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of an upstream that counts the connections open through it: the one way to see,
 * from outside the gateway, whether it closed the connections it no longer needs. Bytes pass through
 * untouched, so any protocol works across it.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicInteger open = new AtomicInteger();
    private final Queue<AtomicBoolean> connections = new ConcurrentLinkedQueue<>();

    private TcpRelay(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("tcp-relay").start(this::acceptLoop);
    }

    /**
     * @param upstreamPort the loopback port to relay to
     * @return a started relay
     */
    public static TcpRelay to(int upstreamPort) {
        return new TcpRelay(upstreamPort);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                open.incrementAndGet();
                AtomicInteger directionsLeft = new AtomicInteger(2);
                AtomicBoolean frozen = new AtomicBoolean();
                connections.add(frozen);
                Thread.ofVirtual().start(() -> pump(client, upstream, directionsLeft, frozen));
                Thread.ofVirtual().start(() -> pump(upstream, client, directionsLeft, frozen));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * Copies one direction, or, once frozen, drops what comes; either side's end closes both, as a peer's close
     * would reach the other.
     */
    private void pump(Socket from, Socket to, AtomicInteger directionsLeft, AtomicBoolean frozen) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (!frozen.get()) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // a reset or a close from the other pump: the connection is over either way
        }
        closeQuietly(from);
        closeQuietly(to);
        if (directionsLeft.decrementAndGet() == 0) {
            open.decrementAndGet();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** @return the relay's port, to put in a target's URL */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * The connections open now go dead without closing, as through a host that lost power or a network that
     * drops their packets: nothing more crosses them, either way. Connections made later are relayed as ever.
     */
    public void freeze() {
        connections.forEach(frozen -> frozen.set(true));
    }

    /** @return how many connections the relay has taken since it started, open or not */
    public int acceptedConnections() {
        return connections.size();
    }

    /** @return how many relayed connections are open now */
    public int openConnections() {
        return open.get();
    }

    @Override
    public void close() {
        closeQuietly(server);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
