package io.turnpike.server.proxy;

import java.io.UncheckedIOException;
import java.time.Duration;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2FrameHeader;
import io.helidon.http.http2.Http2Headers;
import io.helidon.http.http2.Http2RstStream;
import io.helidon.http.http2.Http2Settings;
import io.helidon.http.http2.Http2StreamState;
import io.helidon.http.http2.Http2WindowUpdate;
import io.helidon.http.http2.WindowSize;
import io.helidon.webclient.http2.Http2ClientImpl;
import io.helidon.webclient.http2.Http2ClientStream;
import io.helidon.webclient.http2.Http2StreamConfig;

/**
 * One stream on an upstream's HTTP/2 connection, opened by {@link Http2Connections}: Helidon's stream (frames,
 * flow control, states), plus giving its place on the connection back when it closes, and an abort that
 * also wakes whoever waits on it.
 */
final class UpstreamStream extends Http2ClientStream {

    private final Http2Connections.Multiplexed connection;
    private final Duration readTimeout;
    private volatile boolean stopSending;
    private volatile boolean connectionLost;
    private volatile boolean refused;
    /** The stream's id once its fields have gone out, else 0: Helidon's own is not meant for other threads. */
    private volatile int sentAs;
    /** Whether the last frame of the answer has been read from the connection: the rest needs no connection. */
    private volatile boolean answeredInFull;

    UpstreamStream(Http2Connections.Multiplexed connection, Http2ClientImpl client, Duration readTimeout) {
        super(connection.http2(), Http2Settings.create(), connection.socket().helidonSocket(),
                new Settings(readTimeout), client.prototype(), connection.http2().streamIdSequence(), client);
        this.connection = connection;
        this.readTimeout = readTimeout;
    }

    /** What Helidon asks of a stream's config; HTTP/2 from the first byte, as the connection already is. */
    private record Settings(Duration readTimeout) implements Http2StreamConfig {

        @Override
        public boolean priorKnowledge() {
            return true;
        }

        @Override
        public int priority() {
            return 0;
        }
    }

    /**
     * Resets the stream towards the upstream (unless both sides have ended it already), and fails it here as
     * if the upstream had reset it, which is the one way Helidon offers to wake a thread waiting for its answer's
     * fields or its next frame.
     */
    void abort() {
        if (stopSending) {
            // the upstream has answered in full and wants no more: nothing to reset, and the answer stands
            return;
        }
        if (streamState() == Http2StreamState.IDLE) {
            // its fields never went out: nothing to reset, and no one waits on it
            close();
            return;
        }
        cancel();
        super.rstStream(new Http2RstStream(Http2ErrorCode.CANCEL));
    }

    /**
     * A reset without error is how a service that has answered in full asks the client to stop sending the rest
     * of its request (RFC 9113 section 8.1); gRPC services send one whenever they end a call before its caller
     * has. Helidon would treat it as a failure, and drop the answer's end (the trailers, with the call's status)
     * if it has not been read yet; here it only stops the sending. A reset that follows it answers frames that
     * were on their way when it came (RFC 9113 section 5.4.2, {@code STREAM_CLOSED}), and is no failure either.
     */
    @Override
    public boolean rstStream(Http2RstStream reset) {
        if (stopSending || reset.errorCode() == Http2ErrorCode.NO_ERROR) {
            stopSending = true;
            return false;
        }
        if (reset.errorCode() == Http2ErrorCode.REFUSED_STREAM) {
            refused = true;
            connection.refused();
        }
        return super.rstStream(reset);
    }

    /**
     * Helidon 4.5 adds each of the upstream's stream window increments twice (once in its overflow check, and
     * once after it), so it believes it may send twice what the upstream allows, and a strict upstream (gRPC on
     * Netty) fails the stream for exceeding its window as soon as a request outgrows the first window while
     * answers flow back. The increment is applied once here. An increment of 0, or one past the largest window,
     * is the upstream's protocol error (RFC 9113 section 6.9): the stream is reset.
     */
    @Override
    public void windowUpdate(Http2WindowUpdate windowUpdate) {
        int increment = windowUpdate.windowSizeIncrement();
        if (increment == 0 || flowControl().outbound().incrementStreamWindowSize(increment) > WindowSize.MAX_WIN_SIZE) {
            cancel();
        }
    }

    /**
     * Sends the request's fields, which opens the stream at the upstream; unless the upstream has gone away
     * before them ({@code GOAWAY}) and takes no stream this late, which fails the stream as refused.
     *
     * @throws IllegalStateException when the upstream will not process the stream
     */
    @Override
    public void writeHeaders(Http2Headers fields, boolean endOfStream) {
        super.writeHeaders(fields, endOfStream);
        sentAs = streamId();
        connection.sent(this, sentAs);
        int last = connection.lastAccepted();
        if (sentAs > last) {
            refused = true;
            throw new IllegalStateException("the upstream went away, and processes no stream after " + last);
        }
    }

    /**
     * The upstream went away ({@code GOAWAY}), and processes no stream after {@code last}: this one, if it is
     * past it, is failed as refused, which wakes whoever waits on it. A stream whose fields have not gone out yet
     * is checked as they go ({@link #writeHeaders}); as each side reads what the other writes after writing its
     * own, every stream is failed by one of the two, or by both.
     */
    void goneAwayBefore(int last) {
        if (sentAs > last) {
            refused = true;
            super.rstStream(new Http2RstStream(Http2ErrorCode.CANCEL));
        }
    }

    /**
     * Takes in one of the answer's DATA frames, as it is read, and gives the upstream back the window the frame
     * used (a {@code WINDOW_UPDATE}, when Helidon's flow control decides to send one).
     *
     * <p>Helidon 4.5 drops the window update of a stream whenever a newer stream of the connection is open
     * ({@code Http2ClientConnection.writeWindowsUpdate} takes the older one for abandoned), so on a shared
     * connection every answer but the newest stalled after its first 64 KiB. The other streams answer
     * {@link #streamState()} as idle to the thread that is in here, which is how Helidon's check passes them by.
     *
     * <p>Helidon fails the read when the update cannot be written. Once the whole answer has come, the upstream
     * needs no more window, and may have closed the connection already (a service that shut down as soon as its
     * last call ended): the rest of the answer is still read then.
     */
    @Override
    public void data(Http2FrameHeader header, BufferData data, boolean endOfStream) {
        connection.updatingWindow(this);
        try {
            super.data(header, data, endOfStream);
        } catch (UncheckedIOException e) {
            if (!answeredInFull) {
                throw e;
            }
        } finally {
            connection.updatedWindow();
        }
    }

    /** @return the stream's state; idle to a thread giving another stream of the connection its window, see data */
    @Override
    public Http2StreamState streamState() {
        Http2StreamState state = super.streamState();
        // null while Helidon's constructor runs
        return connection != null && connection.updatingAnotherWindow(this) ? Http2StreamState.IDLE : state;
    }

    /** @return whether the upstream asked for no more of the request's body */
    boolean stopSending() {
        return stopSending;
    }

    /** @return the stream's id once its fields have gone out, else 0 */
    int sentAs() {
        return sentAs;
    }

    /** The last frame of the answer has been read from the connection: what is left of it waits here. */
    void answeredInFull() {
        answeredInFull = true;
    }

    /**
     * Its connection closed: whoever waits on the stream is woken, to fail; unless the whole answer had come
     * (a service that closes as soon as its last call has ended), which is then read to its end.
     */
    void connectionClosed() {
        if (answeredInFull) {
            return;
        }
        connectionLost = true;
        if (streamState() == Http2StreamState.IDLE) {
            // nothing sent yet, and no one waits: sending its fields will fail
            return;
        }
        // Helidon's own handling of a reset from the upstream is what wakes the waiting threads
        super.rstStream(new Http2RstStream(Http2ErrorCode.CANCEL));
    }

    /** Sending on the stream failed: its connection is closed. */
    void connectionBroken() {
        connection.broken();
    }

    /** The upstream sent something on this stream: its connection is alive. */
    void heard() {
        connection.heard();
    }

    /** @return the longest wait for the answer's fields, and for each frame of its body */
    Duration readTimeout() {
        return readTimeout;
    }

    /** Waiting on this stream timed out: the connection is closed if the upstream has gone silent on all of it. */
    void timedOut() {
        connection.timedOut(readTimeout);
    }

    /**
     * @return whether the upstream refused the stream ({@code REFUSED_STREAM}), or went away before it
     *         ({@code GOAWAY}), and so processed none of the request (RFC 9113, sections 8.7 and 6.8)
     */
    boolean refused() {
        return refused;
    }

    /** @return whether the stream failed because its connection closed */
    boolean lostItsConnection() {
        return connectionLost;
    }

    @Override
    public void close() {
        super.close();
        connection.remove(this);
    }
}
