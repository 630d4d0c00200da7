package io.turnpike.server.proxy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;

/**
 * The idle keep-alive connections to one target, the most recently used first, and the opening of new ones.
 *
 * <p>Why not Helidon's own connection cache: on every return of a connection it starts a virtual thread that
 * blocks in a read, to notice an upstream that closes the idle connection, and the next request on that
 * connection then waits for that thread to hand over the first byte of its answer. Per request that is a
 * thread start, a timer set and cancelled on the JDK's delay scheduler and two more park/unpark pairs
 * (docs/performance.md has the profile). Here a connection taken again within {@link #WATCH_AFTER} of its
 * return, as under steady traffic, costs nothing of the kind; {@link #watchIdle()}, run periodically, sets
 * Helidon's watch on the connections idle for longer, so that an upstream's close of an idle connection is
 * still seen before a request is written to it. A connection idle past {@link #MAX_IDLE} is closed.
 */
final class TargetConnections implements AutoCloseable {

    static final Duration WATCH_AFTER = Duration.ofMillis(250);
    static final Duration MAX_IDLE = Duration.ofSeconds(60);
    private static final List<String> ALPN = List.of("http/1.1");
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private final WebClient client;
    private final ConnectionKey key;
    private final int capacity;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    /** The deque's own size() walks it. */
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** An idle connection, since when, and whether Helidon's close watch is on it. */
    private record Idle(TcpClientConnection connection, long sinceNanos, boolean watched) {
        long idleNanos(long now) {
            return now - sinceNanos;
        }
    }

    /**
     * @param client   the upstream's client: socket options, timeouts, TLS and DNS come from its config
     * @param target   the target these connections go to
     * @param capacity the most idle connections kept
     */
    TargetConnections(WebClient client, Target target, int capacity) {
        this.client = client;
        this.capacity = capacity;
        String scheme = target.origin().getScheme();
        boolean https = "https".equals(scheme);
        int port = target.origin().getPort() == -1 ? (https ? 443 : 80) : target.origin().getPort();
        this.key = ConnectionKey.create(scheme, target.origin().getHost(), port,
                https ? client.prototype().tls() : NO_TLS,
                client.prototype().dnsResolver(), client.prototype().dnsAddressLookup(), Proxy.noProxy());
    }

    /**
     * An open connection to the target: the most recently returned idle one that is still usable, else a new
     * one. Give it back with {@link ClientConnection#releaseResource()}, or close it.
     *
     * @throws UncheckedIOException when a new connection cannot be made
     */
    ClientConnection take() {
        long now = System.nanoTime();
        Idle candidate;
        while ((candidate = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (usable(candidate, now)) {
                return candidate.connection();
            }
            candidate.connection().closeResource();
        }
        return TcpClientConnection.create(client, key, ALPN, this::release, connection -> { }).connect();
    }

    private static boolean usable(Idle candidate, long now) {
        return candidate.connection().isConnected() && candidate.idleNanos(now) <= MAX_IDLE.toNanos();
    }

    /** Called by Helidon when a response ends cleanly; false makes it close the connection instead. */
    private boolean release(TcpClientConnection connection) {
        if (closed || !connection.isConnected()) {
            return false;
        }
        if (idleCount.incrementAndGet() > capacity) {
            idleCount.decrementAndGet();
            return false;
        }
        idle.offerFirst(new Idle(connection, System.nanoTime(), false));
        if (closed) {
            // close() may have drained the deque just before this connection went in
            close();
        }
        return true;
    }

    /**
     * Sets Helidon's close watch on every connection idle for {@link #WATCH_AFTER} or longer, and closes those
     * the upstream closed or that were idle too long. A connection is taken out of the deque while it is
     * handled, so no request can take it meanwhile.
     */
    void watchIdle() {
        long now = System.nanoTime();
        for (Idle candidate : idle) {
            boolean due = !candidate.watched() && candidate.idleNanos(now) >= WATCH_AFTER.toNanos();
            boolean dead = !usable(candidate, now);
            if ((due || dead) && idle.removeFirstOccurrence(candidate)) {
                idleCount.decrementAndGet();
                if (dead) {
                    candidate.connection().closeResource();
                    continue;
                }
                candidate.connection().helidonSocket().idle();
                idleCount.incrementAndGet();
                idle.offerLast(new Idle(candidate.connection(), candidate.sinceNanos(), true));
            }
        }
        if (closed) {
            close();
        }
    }

    /** @return how many idle connections are kept now */
    int idleConnections() {
        return idleCount.get();
    }

    @Override
    public void close() {
        closed = true;
        Idle candidate;
        while ((candidate = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            candidate.connection().closeResource();
        }
    }
}
