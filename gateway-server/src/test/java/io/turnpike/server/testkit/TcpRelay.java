package io.turnpike.server.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
                Thread.ofVirtual().start(() -> pump(client, upstream, directionsLeft));
                Thread.ofVirtual().start(() -> pump(upstream, client, directionsLeft));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Copies one direction; either side's end closes both, as a peer's close would reach the other. */
    private void pump(Socket from, Socket to, AtomicInteger directionsLeft) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
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
