package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idle connections kept for one target: bounded, most recent first, all closed with the pool. */
class TargetConnectionsTest {

    private ServerSocket server;
    private final LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private WebClient client;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    accepted.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        client = WebClient.builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void theMostRecentlyReturnedConnectionIsTakenFirst() {
        TargetConnections connections = pool(4);
        ClientConnection first = connections.take();
        ClientConnection second = connections.take();

        first.releaseResource();
        second.releaseResource();

        assertSame(second, connections.take());
        assertSame(first, connections.take());
    }

    @Test
    void aConnectionClosedAfterItsReturnIsNeverHandedOutAgain() {
        // Helidon's connection keeps answering isConnected() with true once closed: the pool must know better.
        TargetConnections connections = pool(4);
        ClientConnection closedLate = connections.take();
        closedLate.releaseResource();

        closedLate.closeResource();

        assertEquals(0, connections.idleConnections());
        assertNotSame(closedLate, connections.take());
    }

    @Test
    void aConnectionReturnedWhenTheCapacityIsFullIsClosed() throws Exception {
        TargetConnections connections = pool(1);
        ClientConnection kept = connections.take();
        Socket keptPeer = nextAccepted();
        ClientConnection extra = connections.take();
        Socket extraPeer = nextAccepted();

        kept.releaseResource();
        extra.releaseResource();

        assertEquals(1, connections.idleConnections());
        assertEquals(-1, readFrom(extraPeer), "the connection past the capacity is closed");
        assertEquals(0, readFrom(keptPeer), "the kept connection stays open");
        assertNotSame(extra, connections.take(), "only the kept connection is handed out again");
    }

    @Test
    void closingThePoolClosesItsIdleConnectionsAndRefusesReturns() throws Exception {
        TargetConnections connections = pool(4);
        ClientConnection idle = connections.take();
        Socket idlePeer = nextAccepted();
        ClientConnection busy = connections.take();
        Socket busyPeer = nextAccepted();
        idle.releaseResource();

        connections.close();
        busy.releaseResource();

        assertEquals(-1, readFrom(idlePeer));
        assertEquals(-1, readFrom(busyPeer), "a connection returned after the close is closed too");
        assertEquals(0, connections.idleConnections());
    }

    @Test
    void closingIdleConnectionsClosesThoseIdleLongerThanTheIdleTime() throws Exception {
        // kept idle for a nanosecond: past it by the time the sweep looks
        TargetConnections connections = pool(4, Duration.ofNanos(1));
        ClientConnection old = connections.take();
        Socket oldPeer = nextAccepted();
        old.releaseResource();

        connections.closeIdle();

        assertEquals(0, connections.idleConnections());
        assertEquals(-1, readFrom(oldPeer), "idle past the idle time: closed");
    }

    @Test
    void closingIdleConnectionsKeepsThoseWithinTheIdleTime() throws Exception {
        TargetConnections connections = pool(4);
        ClientConnection recent = connections.take();
        Socket recentPeer = nextAccepted();
        recent.releaseResource();

        connections.closeIdle();

        assertEquals(1, connections.idleConnections(), "the recent one is kept");
        assertEquals(0, readFrom(recentPeer), "idle for less: kept open");
    }

    private TargetConnections pool(int capacity) {
        return pool(capacity, Duration.ofSeconds(60));
    }

    private TargetConnections pool(int capacity, Duration maxIdle) {
        return new TargetConnections(client, Target.of("http://127.0.0.1:" + server.getLocalPort()), capacity,
                maxIdle);
    }

    private Socket nextAccepted() throws InterruptedException {
        Socket socket = accepted.poll(5, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("the pool opened no connection");
        }
        return socket;
    }

    /** -1 when the pool closed its end; 0 when the connection is open and quiet (the read times out). */
    private static int readFrom(Socket peer) {
        try {
            peer.setSoTimeout(200);
            return peer.getInputStream().read();
        } catch (SocketTimeoutException open) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
