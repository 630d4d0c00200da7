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
 * <p>Every connection that comes back is put under Helidon's close watch first ({@code HelidonSocket.idle()}:
 * a virtual thread blocked in a read), so that an upstream's close of an idle connection is seen before a
 * request is written to it. This is what Helidon's own connection cache does; the gateway keeps the
 * connections itself so that it holds the connection of each exchange (an aborted upload closes it, a failed
 * exchange never returns it), can bound and age the idle ones, and can show them on the admin port. Watching
 * only the connections idle for a while was measured and rejected: it halved latency at moderate load but cost
 * 5 to 35% of the throughput at saturation (docs/performance.md, "Connection pooling").
 */
final class TargetConnections implements AutoCloseable {

    private static final List<String> ALPN = List.of("http/1.1");
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private final WebClient client;
    private final ConnectionKey key;
    private final int capacity;
    private final long maxIdleNanos;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    /** The deque's own size() walks it. */
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** An idle connection and since when. */
    private record Idle(UpstreamConnection connection, long sinceNanos) {
        long idleNanos(long now) {
            return now - sinceNanos;
        }
    }

    /**
     * @param client   the upstream's client: socket options, timeouts, TLS and DNS come from its config
     * @param target   the target these connections go to
     * @param capacity the most idle connections kept
     * @param maxIdle  the longest a connection is kept idle
     */
    TargetConnections(WebClient client, Target target, int capacity, Duration maxIdle) {
        this.client = client;
        this.capacity = capacity;
        this.maxIdleNanos = maxIdle.toNanos();
        this.key = ConnectionKey.create(target.origin().getScheme(), target.origin().getHost(), target.port(),
                target.secure() ? client.prototype().tls() : NO_TLS,
                target.resolver(client.prototype().dnsResolver()), client.prototype().dnsAddressLookup(),
                Proxy.noProxy());
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
                candidate.connection().startExchange();
                return candidate.connection();
            }
            candidate.connection().closeResource();
        }
        // Released through UpstreamConnection, never through Helidon's own release function.
        TcpClientConnection opened = TcpClientConnection.create(client, key, ALPN, unused -> false, unused -> { }).connect();
        return new UpstreamConnection(opened, this::release);
    }

    /**
     * A new connection to the target for a health probe, through the prober's client (its timeouts) but to this
     * target's address. It is not kept: it closes when the probe's answer is done with.
     *
     * @param prober the health checker's client, with the same TLS as the upstream's
     * @throws UncheckedIOException when it cannot be made
     */
    ClientConnection probeConnection(WebClient prober) {
        return TcpClientConnection.create(prober, key, ALPN, unused -> false, unused -> { }).connect();
    }

    private boolean usable(Idle candidate, long now) {
        return candidate.connection().isConnected() && candidate.idleNanos(now) <= maxIdleNanos;
    }

    /** Called when a response ends cleanly; false makes the connection close instead. */
    private boolean release(UpstreamConnection connection) {
        if (closed || !connection.isConnected()) {
            return false;
        }
        if (idleCount.incrementAndGet() > capacity) {
            idleCount.decrementAndGet();
            return false;
        }
        // before it is offered: once in the deque, a request may take it at once
        connection.helidonSocket().idle();
        idle.offerFirst(new Idle(connection, System.nanoTime()));
        // keeps dead connections from piling up between two periodic runs
        closeIdle();
        if (closed) {
            // close() may have drained the deque just before this connection went in
            close();
        }
        return true;
    }

    /**
     * Closes the idle connections that have outlived the idle time, or that the upstream closed: the oldest first,
     * up to the first one still usable, as the ones after it were returned later. Run periodically, so that
     * connections are closed in time without traffic to the target too.
     */
    void closeIdle() {
        long now = System.nanoTime();
        Idle oldest;
        while ((oldest = idle.peekLast()) != null && !usable(oldest, now)) {
            if (idle.removeLastOccurrence(oldest)) {
                idleCount.decrementAndGet();
                oldest.connection().closeResource();
            }
        }
    }

    /** @return how many idle connections are kept now that are still usable; walks them, for the admin port */
    int idleConnections() {
        long now = System.nanoTime();
        int usable = 0;
        for (Idle candidate : idle) {
            if (usable(candidate, now)) {
                usable++;
            }
        }
        return usable;
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
