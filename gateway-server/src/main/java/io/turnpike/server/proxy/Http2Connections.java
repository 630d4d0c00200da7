package io.turnpike.server.proxy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientConnection;
import io.helidon.webclient.http2.Http2ClientImpl;

/**
 * The HTTP/2 connections to one target, each carrying many requests at once, one stream each.
 *
 * <p>The gateway opens the streams itself, on Helidon's HTTP/2 connections and frame handling, instead of
 * asking Helidon's HTTP/2 request API: that API sends the whole request body before it reads any of the
 * answer, so a call whose service answers while the client is still sending (a gRPC bidirectional stream)
 * could never work through it. Helidon's own gRPC client opens its streams the same way.
 *
 * <p>A connection carries up to {@link #MAX_STREAMS} streams at once, the least that RFC 9113 section 6.5.2
 * advises a peer to allow; when every connection is that busy, another is opened. A connection the upstream
 * closed, or ended with {@code GOAWAY} (which makes Helidon close it), is dropped when next looked at.
 */
final class Http2Connections implements AutoCloseable {

    static final int MAX_STREAMS = 100;
    private static final List<String> ALPN = List.of(Http2Client.PROTOCOL_ID);
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private final WebClient webClient;
    private final Http2ClientImpl client;
    private final ConnectionKey key;
    /** Opening a connection happens under it too, so that a burst of calls opens one, not one each. */
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Multiplexed> connections = new ArrayList<>();
    private boolean closed;

    /**
     * One connection and the streams open on it.
     *
     * @param http2   Helidon's HTTP/2 connection
     * @param socket  the TCP (or TLS) connection under it
     * @param streams how many streams are open on it now
     * @param closed  whether it was closed: by Helidon, when the upstream closed it or sent {@code GOAWAY}, or
     *                by the gateway
     */
    record Multiplexed(Http2ClientConnection http2, TcpClientConnection socket, AtomicInteger streams,
                       AtomicBoolean closed) {

        boolean usable() {
            // a closed socket can still look connected to Helidon's socket wrapper
            return !closed.get() && socket.isConnected();
        }
    }

    /**
     * @param webClient the upstream's client: socket options, timeouts, TLS and DNS come from its config
     * @param client    its HTTP/2 client, whose config has the HTTP/2 settings
     * @param target    the target these connections go to
     */
    Http2Connections(WebClient webClient, Http2ClientImpl client, Target target) {
        this.webClient = webClient;
        this.client = client;
        var config = webClient.prototype();
        this.key = ConnectionKey.create(target.origin().getScheme(), target.origin().getHost(), target.port(),
                target.secure() ? config.tls() : NO_TLS,
                new LiteralAddressResolver(config.dnsResolver()), config.dnsAddressLookup(), Proxy.noProxy());
    }

    /**
     * A new stream to the target, on a connection with room for it, opened if none has. Nothing is sent yet.
     * Close the stream when the exchange is over, which gives its place back.
     *
     * @param readTimeout the longest wait for the answer's fields, and for each frame of its body
     * @throws UncheckedIOException when a new connection cannot be made
     */
    UpstreamStream open(Duration readTimeout) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the connections of a replaced config take no new streams");
            }
            Multiplexed chosen = null;
            for (Iterator<Multiplexed> it = connections.iterator(); it.hasNext(); ) {
                Multiplexed connection = it.next();
                if (!connection.usable()) {
                    it.remove();
                    connection.http2().close();
                } else if (chosen == null && connection.streams().get() < MAX_STREAMS) {
                    chosen = connection;
                }
            }
            if (chosen == null) {
                chosen = connect();
                connections.add(chosen);
            }
            chosen.streams().incrementAndGet();
            return new UpstreamStream(chosen, client, readTimeout);
        } finally {
            lock.unlock();
        }
    }

    private Multiplexed connect() {
        // Released and closed only through this class, never through Helidon's connection cache.
        AtomicBoolean closed = new AtomicBoolean();
        TcpClientConnection socket = TcpClientConnection.create(webClient, key, ALPN,
                unused -> false, unused -> closed.set(true)).connect();
        // sends the preface and waits for the upstream's first SETTINGS
        Http2ClientConnection http2 = Http2ClientConnection.create(client, socket, true);
        return new Multiplexed(http2, socket, new AtomicInteger(), closed);
    }

    /** Closes every connection, and with them any stream still open: called once no request uses them. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            connections.forEach(connection -> connection.http2().close());
            connections.clear();
        } finally {
            lock.unlock();
        }
    }
}
