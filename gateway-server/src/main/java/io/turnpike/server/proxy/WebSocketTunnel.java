package io.turnpike.server.proxy;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

/**
 * A client connection switched to WebSocket, joined to the upstream connection that switched with it: the
 * bytes pass both ways as they come, frames untouched, until either side closes, and then both close. One
 * virtual thread carries each direction.
 *
 * <p>Idle tunnels are closed by Helidon's listener like any idle connection (after {@code server.idle-timeout}
 * of {@link #idleTime()}), so a tunnel whose ends send nothing, not even pings, does not live on.
 */
final class WebSocketTunnel implements ServerConnection {

    private static final System.Logger LOGGER = System.getLogger(WebSocketTunnel.class.getName());
    /** How long one read of the upstream waits before it checks whether the tunnel was closed meanwhile. */
    private static final Duration UPSTREAM_READ = Duration.ofSeconds(30);
    /** How long the end of the tunnel waits for the other direction's thread. */
    private static final Duration JOIN = Duration.ofSeconds(10);

    private final ConnectionContext client;
    private final ClientConnection upstream;
    private final String requestId;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastActivity = System.nanoTime();

    WebSocketTunnel(ConnectionContext client, ClientConnection upstream, String requestId) {
        this.client = client;
        this.upstream = upstream;
        this.requestId = requestId;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        upstream.readTimeout(UPSTREAM_READ);
        Thread toClient = Thread.ofVirtual().name("websocket " + requestId + " upstream to client")
                .start(() -> relay(upstream.reader(), client.dataWriter(), true));
        try {
            relay(client.dataReader(), upstream.writer(), false);
        } finally {
            close(false);
            toClient.join(JOIN);
        }
    }

    /** Copies one direction until its reader ends or fails, or the tunnel closes; then closes the tunnel. */
    private void relay(DataReader from, DataWriter to, boolean fromUpstream) {
        try {
            while (!closed.get()) {
                BufferData data;
                try {
                    data = from.readBuffer();
                } catch (UncheckedIOException e) {
                    if (fromUpstream && e.getCause() instanceof SocketTimeoutException) {
                        // a quiet upstream is no reason to close; Helidon's idle check decides that
                        continue;
                    }
                    throw e;
                }
                lastActivity = System.nanoTime();
                to.writeNow(data);
            }
        } catch (DataReader.InsufficientDataAvailableException e) {
            // that side closed its connection: the normal end
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOGGER.log(System.Logger.Level.DEBUG, () -> "websocket " + requestId + ": "
                        + (fromUpstream ? "upstream" : "client") + " side ended: " + e);
            }
        } finally {
            close(false);
        }
    }

    @Override
    public Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - lastActivity);
    }

    /** Closes both connections, which ends the reads blocked on them; once. */
    @Override
    public void close(boolean interrupt) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        quietly(upstream::closeResource);
        // Helidon may have closed it already (a stopping server does), which throws; closed is closed.
        quietly(() -> client.serverSocket().close());
    }

    private void quietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "websocket " + requestId + ": closing: " + e);
        }
    }
}
