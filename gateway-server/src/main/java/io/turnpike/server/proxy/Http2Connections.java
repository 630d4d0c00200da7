package io.turnpike.server.proxy;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.tls.Tls;
import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2GoAway;
import io.helidon.http.http2.Http2Setting;
import io.helidon.http.http2.Http2Settings;
import io.helidon.http.http2.WindowSize;
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
 * <p>A connection carries up to the upstream's {@code max-concurrent-streams} at once (1 unless set), or
 * fewer when the upstream's own limit (its {@code SETTINGS_MAX_CONCURRENT_STREAMS}) is lower, or once it
 * refused one; when every connection is that busy, another is opened.
 *
 * <p>A connection whose upstream sends {@code GOAWAY} takes no new stream, and is closed once the streams the
 * upstream still processes have ended ({@link Multiplexed#goingAway}). A connection that closes fails the
 * streams on it at once, and is dropped when next looked at. A connection that carries no stream is
 * idle, and kept for the next calls, as the HTTP/1.1 pool keeps its connections ({@link TargetConnections}):
 * up to a number of idle connections, past which a connection is closed when its last stream ends, and up to
 * an idle time, past which it is closed when next looked at, by a call or by the {@link IdleReaper}. With one
 * call per connection (the default), a burst of calls would otherwise leave as many connections open as its
 * busiest moment needed, for as long as the upstream allowed.
 */
final class Http2Connections implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(Http2Connections.class.getName());

    private static final List<String> ALPN = List.of(Http2Client.PROTOCOL_ID);
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private final WebClient webClient;
    private final Http2ClientImpl client;
    private final ConnectionKey key;
    private final int idleCapacity;
    private final long maxIdleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Multiplexed> connections = new ArrayList<>();
    /** The connection being opened, which calls that find no room wait for; null when none is. */
    private CompletableFuture<Multiplexed> opening;
    private boolean closed;
    /** The most streams a connection takes at once: as configured, or fewer, as the upstream said or refusals taught. */
    private volatile int streamLimit;

    /** One connection to the target, and the streams open on it. */
    final class Multiplexed implements UpstreamFrameWatch.Listener {

        private final Set<UpstreamStream> streams = ConcurrentHashMap.newKeySet();
        /** Those of them whose fields have gone out, by stream id. */
        private final Map<Integer, UpstreamStream> sent = new ConcurrentHashMap<>();
        /** The stream each thread is giving its window back to, see {@link UpstreamStream#data}. */
        private final Map<Thread, UpstreamStream> updatingWindows = new ConcurrentHashMap<>();
        /** When the upstream was last heard from on any stream of this connection, in {@link System#nanoTime}. */
        private volatile long lastHeard = System.nanoTime();
        /** Since when it has carried no stream, in {@link System#nanoTime}; guarded by the lock. */
        private long idleSince = System.nanoTime();
        private volatile Http2ClientConnection http2;
        private volatile TcpClientConnection socket;
        private volatile boolean closed;
        /** Whether the upstream sent {@code GOAWAY}: the connection takes no new stream, and closes once it has none. */
        private volatile boolean draining;
        /** The last stream the upstream's {@code GOAWAY}s said it would process; the largest stream id until one comes. */
        private volatile int lastAccepted = Integer.MAX_VALUE;

        private void opened(TcpClientConnection socket, Http2ClientConnection http2) {
            this.socket = socket;
            this.http2 = http2;
        }

        Http2ClientConnection http2() {
            return http2;
        }

        TcpClientConnection socket() {
            return socket;
        }

        boolean usable() {
            // a closed socket can still look connected to Helidon's socket wrapper
            return !closed && !(draining && idle()) && socket.isConnected();
        }

        boolean hasRoom() {
            return !draining && streams.size() < streamLimit;
        }

        int streams() {
            return streams.size();
        }

        private boolean idle() {
            return streams.isEmpty();
        }

        /** @return whether it has carried no stream for longer than idle connections are kept; under the lock */
        private boolean idleTooLong(long now) {
            return idle() && now - idleSince > maxIdleNanos;
        }

        /** The upstream sent something on one of the connection's streams. */
        void heard() {
            lastHeard = System.nanoTime();
        }

        /**
         * A stream on it timed out. When the upstream has sent nothing on any stream of the connection for as
         * long, the connection is taken for dead (a host that went away without closing it, a network that
         * drops its packets), and closed: TCP would notice only after hours, and every call sent over it until
         * then would wait out its read timeout too. A fresh connection is opened for the next call.
         *
         * @param readTimeout the silence that timed the stream out
         */
        void timedOut(Duration readTimeout) {
            if (System.nanoTime() - lastHeard >= readTimeout.toNanos() && !closed) {
                LOGGER.log(System.Logger.Level.WARNING, () -> "HTTP/2 connection to " + key.host() + ":"
                        + key.port() + " silent for " + readTimeout.toMillis() + " ms; closing it");
                close();
            }
        }

        /**
         * A write on it failed. A frame cut short leaves the connection unusable (a HEADERS frame, the header
         * compression of both sides out of step), and the upstream has likely gone: it is closed, so that no
         * other call is sent over it.
         */
        void broken() {
            close();
        }

        /**
         * Closes it. Helidon's close says goodbye first ({@code GOAWAY}), and when that write fails (the upstream
         * has reset the connection) it throws without closing anything; the socket is closed here then, which
         * also ends the connection's reading and fails the streams still on it.
         */
        private void close() {
            try {
                http2.close();
            } catch (RuntimeException e) {
                socket.closeResource();
            }
        }

        void add(UpstreamStream stream) {
            streams.add(stream);
        }

        /** This thread is about to give {@code stream} back the window its DATA frame used. */
        void updatingWindow(UpstreamStream stream) {
            updatingWindows.put(Thread.currentThread(), stream);
        }

        void updatedWindow() {
            updatingWindows.remove(Thread.currentThread());
        }

        /** @return whether this thread is giving a stream other than {@code stream} its window */
        boolean updatingAnotherWindow(UpstreamStream stream) {
            if (updatingWindows.isEmpty()) {
                return false;
            }
            UpstreamStream updating = updatingWindows.get(Thread.currentThread());
            return updating != null && updating != stream;
        }

        /** The stream's fields went out, as stream {@code id}. */
        void sent(UpstreamStream stream, int id) {
            sent.put(id, stream);
        }

        /**
         * The upstream's settings: its {@code SETTINGS_MAX_CONCURRENT_STREAMS}, when it gives one under the
         * configured limit, becomes the limit for every connection to the target (at least 1), so that it is never
         * asked for more streams than it takes.
         */
        @Override
        public void settings(Http2Settings settings) {
            settings.presentValue(Http2Setting.MAX_CONCURRENT_STREAMS).ifPresent(limit -> {
                if (limit < streamLimit) {
                    streamLimit = (int) Math.max(1, limit);
                }
            });
        }

        @Override
        public void answerEnded(int streamId) {
            UpstreamStream stream = sent.get(streamId);
            if (stream != null) {
                stream.answeredInFull();
            }
        }

        /** The stream closed: its place goes back, and the connection is kept or closed once it carries none. */
        void remove(UpstreamStream stream) {
            lock.lock();
            try {
                sent.remove(stream.sentAs());
                if (streams.remove(stream) && streams.isEmpty()) {
                    idleSince = System.nanoTime();
                    if (sweep(idleSince) > idleCapacity && connections.remove(this)) {
                        close();
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /**
         * The upstream refused a stream ({@code REFUSED_STREAM}): it allows fewer at once than were open here,
         * whatever its {@code SETTINGS} said (a limit it lowered while streams were on their way, or a refusal
         * of its own). That is learnt, for every connection to the target: later streams go to another
         * connection rather than be refused too.
         */
        void refused() {
            streamLimit = Math.max(1, Math.min(streamLimit, streams.size() - 1));
        }

        /**
         * The upstream sent {@code GOAWAY} (RFC 9113 section 6.8): it processes the streams up to the last one it
         * names, and no other. The connection takes no new stream; the streams on it past that one are failed as
         * refused, which sends their calls to another connection whatever their method, and the others are left
         * to end. Once none is left, the connection is closed, unless the upstream has closed it first. A service
         * shutting down gracefully sends two: the first naming the largest stream id, the second the last stream
         * it took.
         *
         * <p>Called on the connection's reading thread, which must go on reading the answers still to come: the
         * refusals run on a thread of their own, as failing the last stream may close the connection.
         */
        @Override
        public void goingAway(Http2GoAway goAway) {
            boolean news = !draining || goAway.lastStreamId() < lastAccepted;
            lastAccepted = Math.min(lastAccepted, goAway.lastStreamId());
            draining = true;
            if (!news) {
                // a repeat: one thread per frame would let an upstream start threads at will
                return;
            }
            System.Logger.Level level = goAway.errorCode() == Http2ErrorCode.NO_ERROR
                    ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
            LOGGER.log(level, () -> "HTTP/2 connection to " + key.host() + ":" + key.port() + " going away ("
                    + goAway.errorCode() + ", last stream " + goAway.lastStreamId() + ", "
                    + streams.size() + " open): " + abbreviated(goAway.details()));
            Thread.ofVirtual().name("upstream-going-away").start(() -> {
                int last = lastAccepted;
                for (UpstreamStream stream : streams) {
                    stream.goneAwayBefore(last);
                }
                closeIdle();
            });
        }

        /** @return the last stream the upstream said it would process, or the largest stream id when it did not */
        int lastAccepted() {
            return lastAccepted;
        }

        /**
         * Closed, by Helidon (the upstream closed it) or by the gateway. Helidon leaves the streams on it waiting
         * for frames that will never come, each until its read timeout; they are failed here instead, so that
         * their calls end now.
         */
        private void lost() {
            closed = true;
            streams.forEach(UpstreamStream::connectionClosed);
        }
    }

    /**
     * @param webClient the upstream's client: socket options, timeouts, TLS and DNS come from its config
     * @param client    its HTTP/2 client, whose config has the HTTP/2 settings
     * @param target    the target these connections go to
     * @param streams   the most streams one connection takes at once
     * @param idleCapacity the most idle connections kept
     * @param maxIdle   the longest a connection is kept idle
     */
    Http2Connections(WebClient webClient, Http2ClientImpl client, Target target, int streams, int idleCapacity,
                     Duration maxIdle) {
        this.webClient = webClient;
        this.streamLimit = streams;
        this.idleCapacity = idleCapacity;
        this.maxIdleNanos = maxIdle.toNanos();
        this.client = client;
        var config = webClient.prototype();
        this.key = ConnectionKey.create(target.origin().getScheme(), target.origin().getHost(), target.port(),
                target.secure() ? config.tls() : NO_TLS,
                target.resolver(config.dnsResolver()), config.dnsAddressLookup(), Proxy.noProxy());
    }

    /**
     * A new stream to the target, on a connection with room for it, opened if none has. Nothing is sent yet.
     * Close the stream when the exchange is over, which gives its place back.
     *
     * <p>Calls that find no room while a connection is being opened wait for that one rather than open one
     * each, and the connection is opened outside the lock: calls to a target whose host is gone then fail
     * together after one connect timeout, instead of queueing behind each other's.
     *
     * @param readTimeout the longest wait for the answer's fields, and for each frame of its body
     * @throws UncheckedIOException when a new connection cannot be made
     */
    UpstreamStream open(Duration readTimeout) {
        while (true) {
            CompletableFuture<Multiplexed> opened;
            boolean opener = false;
            lock.lock();
            try {
                Multiplexed chosen = withRoom();
                if (chosen != null) {
                    return streamOn(chosen, readTimeout);
                }
                if (opening == null) {
                    opening = new CompletableFuture<>();
                    opener = true;
                }
                opened = opening;
            } finally {
                lock.unlock();
            }
            if (opener) {
                openInto(opened);
            }
            Multiplexed fresh = awaited(opened);
            lock.lock();
            try {
                if (!fresh.usable()) {
                    // closed as soon as it opened: trying again would open connection after connection
                    throw new UncheckedIOException(new SocketException("the upstream closed a new connection at once"));
                }
                if (fresh.hasRoom()) {
                    return streamOn(fresh, readTimeout);
                }
                // the calls that waited with this one filled it: another round, which may open another
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return a usable connection with room, the unusable ones dropped first; called under the lock */
    private Multiplexed withRoom() {
        if (closed) {
            throw new IllegalStateException("the connections of a replaced config take no new streams");
        }
        sweep(System.nanoTime());
        for (Multiplexed connection : connections) {
            if (connection.hasRoom()) {
                return connection;
            }
        }
        return null;
    }

    /**
     * Drops and closes the connections that closed or have been idle too long; called under the lock.
     *
     * @return how many idle connections are left
     */
    private int sweep(long now) {
        int idle = 0;
        List<Multiplexed> dropped = null;
        for (Iterator<Multiplexed> it = connections.iterator(); it.hasNext(); ) {
            Multiplexed connection = it.next();
            if (!connection.usable() || connection.idleTooLong(now)) {
                it.remove();
                if (dropped == null) {
                    dropped = new ArrayList<>();
                }
                dropped.add(connection);
            } else if (connection.idle()) {
                idle++;
            }
        }
        if (dropped != null) {
            // Closed once the list is walked: a close fails the streams still on the connection, and each stream
            // that closes comes back here, on this thread, to give its place back.
            dropped.forEach(Multiplexed::close);
        }
        return idle;
    }

    private UpstreamStream streamOn(Multiplexed connection, Duration readTimeout) {
        UpstreamStream stream = new UpstreamStream(connection, client, readTimeout);
        connection.add(stream);
        return stream;
    }

    /** Opens a connection, outside the lock, and hands it (or why it failed) to every call waiting for it. */
    private void openInto(CompletableFuture<Multiplexed> opened) {
        Multiplexed connection;
        try {
            connection = connect();
        } catch (RuntimeException e) {
            lock.lock();
            try {
                opening = null;
            } finally {
                lock.unlock();
            }
            opened.completeExceptionally(e);
            return;
        }
        lock.lock();
        try {
            opening = null;
            if (closed) {
                connection.close();
            } else {
                connections.add(connection);
            }
        } finally {
            lock.unlock();
        }
        opened.complete(connection);
    }

    private static Multiplexed awaited(CompletableFuture<Multiplexed> opened) {
        try {
            return opened.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Multiplexed connect() {
        // Released and closed only through this class, never through Helidon's connection cache.
        Multiplexed connection = new Multiplexed();
        TcpClientConnection socket = TcpClientConnection.create(webClient, key, ALPN,
                unused -> false, unused -> connection.lost()).connect();
        var watched = new WatchedConnection(socket, client.prototype().protocolConfig().maxFrameSize(), connection);
        try {
            // sends the preface and waits for the upstream's first SETTINGS
            connection.opened(socket, Http2ClientConnection.create(client, watched, true));
            int otherStreams = streamLimit - 1;
            if (otherStreams > 0) {
                watched.widenWindow((int) Math.min((long) otherStreams * WindowSize.DEFAULT_WIN_SIZE,
                        WindowSize.MAX_WIN_SIZE - WindowSize.DEFAULT_WIN_SIZE));
            }
        } catch (RuntimeException e) {
            // no SETTINGS in time, or a socket that failed its first writes: not left open behind the failure
            socket.closeResource();
            throw e;
        }
        return connection;
    }

    private static String abbreviated(String details) {
        return details.length() <= 200 ? details : details.substring(0, 200) + "...";
    }

    /** Closes the connections idle for longer than they are kept, and those that closed; run periodically. */
    void closeIdle() {
        lock.lock();
        try {
            if (!closed) {
                sweep(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the open connections and the streams on them, for the admin port */
    UpstreamStatus.Http2Status status() {
        lock.lock();
        try {
            List<Multiplexed> open = connections.stream().filter(Multiplexed::usable).toList();
            return new UpstreamStatus.Http2Status(open.size(), (int) open.stream().filter(Multiplexed::idle).count(),
                    (int) open.stream().filter(connection -> connection.draining).count(),
                    open.stream().mapToInt(Multiplexed::streams).sum(), streamLimit);
        } finally {
            lock.unlock();
        }
    }

    /** Closes every connection, and with them any stream still open: called once no request uses them. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            // as in sweep: the streams that closing fails give their places back while this runs
            List<Multiplexed> open = List.copyOf(connections);
            connections.clear();
            open.forEach(Multiplexed::close);
        } finally {
            lock.unlock();
        }
    }
}
