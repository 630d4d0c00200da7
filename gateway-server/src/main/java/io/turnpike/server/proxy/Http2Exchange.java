package io.turnpike.server.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Header;
import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2Exception;
import io.helidon.http.http2.Http2FrameData;
import io.helidon.http.http2.Http2FrameTypes;
import io.helidon.http.http2.Http2Headers;
import io.helidon.webclient.http2.StreamTimeoutException;
import io.turnpike.api.Headers;

/**
 * One request and its answer across an {@link UpstreamStream}.
 *
 * <p>For a client that speaks HTTP/2, the request's body goes to the upstream from a thread of its own while
 * the answer comes back: a gRPC service may answer a bidirectional or client stream before the client has
 * sent all of it, and often waits for the client to read that answer before it asks for more. An HTTP/1.1
 * client's body is sent whole before the answer is awaited, as over HTTP/1.1 upstreams: its connection's
 * reads belong to Helidon once the answer is written, and no HTTP/1.1 client expects to read while it sends.
 */
final class Http2Exchange {

    private static final int CHUNK = 16 * 1024;

    private final UpstreamStream stream;
    /** Why sending the body stopped short, if it did. */
    private final AtomicReference<RuntimeException> bodyFailure = new AtomicReference<>();
    private volatile Thread sender;
    /** Held while the body is written, so that it is never interrupted then; see {@link #end()}. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean stopped;

    /** @param stream a stream nothing was sent on yet */
    Http2Exchange(UpstreamStream stream) {
        this.stream = stream;
    }

    /**
     * Sends the request's fields, and its body: beside the answer when {@code duplex}, else whole, here.
     *
     * @param fields the request's fields, pseudo-fields included
     * @param body   the body, empty for none
     * @param duplex whether the body may be read from the client while the answer is written to it
     */
    void send(Http2Headers fields, ResendableBody body, boolean duplex) {
        boolean bodiless = body.length() == 0;
        try {
            stream.writeHeaders(fields, bodiless);
        } catch (RuntimeException e) {
            if (e instanceof UncheckedIOException) {
                // the connection failed a write: no other call is to be sent over it
                stream.connectionBroken();
            }
            // A HEADERS frame that did not go out whole opened no stream at the upstream (a connection it closed
            // just before, say), nor did one that went out after the upstream said it was going away; and not a
            // byte of the body was read yet: the call may go again as it is.
            throw new UncheckedIOException(new NotProcessedException(stream.refused()
                    ? "the upstream went away before the request" : "the request's fields could not be sent", e));
        }
        if (bodiless) {
            return;
        }
        if (duplex) {
            sender = Thread.ofVirtual().name("upstream-request-body").start(() -> sendBody(body));
        } else {
            sendBody(body);
            RuntimeException failure = bodyFailure.get();
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void sendBody(ResendableBody body) {
        try (InputStream in = body.open()) {
            byte[] buffer = new byte[body.length() > 0 ? (int) Math.min(body.length(), CHUNK) : CHUNK];
            int read;
            while ((read = in.read(buffer)) != -1) {
                // Helidon's writer has sent the frame when this returns, so the buffer can be filled again
                if (!write(BufferData.create(buffer, 0, read), false)) {
                    return;
                }
            }
            write(BufferData.empty(), true);
        } catch (IOException | RuntimeException e) {
            if (stopped) {
                return;
            }
            bodyFailure.compareAndSet(null, sendingFailure(e));
            // The upstream must see the request reset, never a short body ended as if it were whole; whoever
            // waits for the answer is woken, to report this failure. Under the lock, as every write of this
            // thread's is: see end().
            writing.lock();
            try {
                if (!stopped) {
                    stream.abort();
                }
            } finally {
                writing.unlock();
            }
        }
    }

    /**
     * Why sending stopped, as the retry policy and the answer's status should see it. Helidon reports an
     * upstream that gave no flow-control window within {@code read-timeout} as a FLOW_CONTROL error; it is
     * the upstream's silence, so a timeout (a 504, retried only with {@code on-timeout}).
     */
    private static RuntimeException sendingFailure(Exception e) {
        if (e instanceof Http2Exception http2 && http2.code() == Http2ErrorCode.FLOW_CONTROL) {
            return new UncheckedIOException(new SocketTimeoutException(
                    "the upstream took none of the request's body for read-timeout: " + e.getMessage()));
        }
        return e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }

    /** @return false when no more is to be sent: the exchange has ended, or the upstream wants no more */
    private boolean write(BufferData data, boolean last) {
        writing.lock();
        try {
            if (stopped || stream.stopSending()) {
                return false;
            }
            stream.writeData(data, last);
            return true;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Waits for the answer's fields.
     *
     * @return the fields, the status among them
     * @throws RuntimeException the body's own failure when sending it failed first (a client gone, a plugin's
     *                          refusal), else why no answer came (a timeout, a reset)
     */
    Http2Headers answer() {
        try {
            Http2Headers fields = stream.readHeaders();
            stream.heard();
            return fields;
        } catch (RuntimeException e) {
            throw cause(e);
        }
    }

    /** What made waiting on the stream fail: a timeout, else the body's own failure, else a lost connection. */
    private RuntimeException cause(RuntimeException e) {
        if (e instanceof StreamTimeoutException) {
            // a timeout stays one (retried only as retries.on-timeout says), even when it closes the connection
            stream.timedOut();
            return e;
        }
        if (stream.refused()) {
            return new UncheckedIOException(new NotProcessedException("the upstream refused the stream", e));
        }
        RuntimeException failure = bodyFailure.get();
        if (failure != null) {
            return failure;
        }
        if (stream.lostItsConnection()) {
            return new UncheckedIOException(new SocketException("the connection to the upstream closed"));
        }
        return e;
    }

    /** @return whether the answer has a body still to come: false when its fields ended the stream */
    boolean answerHasBody() {
        return stream.hasEntity();
    }

    /** @return the answer's body, read frame by frame as it arrives */
    InputStream answerBody() {
        return new AnswerBody();
    }

    /** @return the answer's trailers; call once its body has been read to its end (none came: empty) */
    Headers trailers() {
        io.helidon.http.Headers received = stream.trailers().getNow(null);
        if (received == null) {
            return Headers.empty();
        }
        Headers.Builder trailers = Headers.builder();
        for (Header field : received) {
            for (String value : field.allValues()) {
                trailers.add(field.name(), value);
            }
        }
        return trailers.build();
    }

    /** Resets a stream not ended by both sides, and gives its place on the connection back. */
    void stop() {
        // A request cut at the end of the drain timeout comes here with its thread interrupted, and Helidon's
        // writer refuses to take its lock then: the reset would not go out, nor the place come back.
        boolean interrupted = Thread.interrupted();
        try {
            // a no-op for a stream both sides have ended
            stream.cancel();
            stream.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Ends the exchange: a stream not ended by both sides is reset, and its place on the connection given back.
     * A body still being sent stops, so that no thread of the gateway's reads the client's request once its
     * handler is done: Helidon then reads what is left of it itself, and two readers would each take part of
     * it, and each might wait for the part the other took.
     *
     * <p>The sender is stopped by an interrupt, and only while it is not writing: an interrupt during a
     * socket write would close the socket, which is the upstream connection that every other stream on it
     * shares. So the sender writes (frames and resets alike) only while it holds {@code writing}, and the
     * interrupt is sent only while this holds it. Waiting for a client's next frame, the sender wakes at once
     * (Helidon ends the body it reads there).
     */
    void end() {
        stopped = true;
        Thread sending = sender;
        if (sending != null && writing.tryLock()) {
            try {
                sending.interrupt();
            } finally {
                writing.unlock();
            }
        }
        stop();
        if (sending != null) {
            try {
                // at once, unless a write was under way (then until it ends)
                sending.join(stream.readTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The answer's DATA frames as a stream. Helidon's own body reading would stop at once while the request is
     * still being sent (it reads only once the stream is half closed here), so this takes the frames itself.
     */
    private final class AnswerBody extends InputStream {

        private BufferData current = BufferData.empty();
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (current.available() == 0) {
                if (ended) {
                    return -1;
                }
                current = next();
            }
            return current.read(into, offset, length);
        }

        @Override
        public int available() {
            return current.available();
        }

        private BufferData next() throws IOException {
            Http2FrameData frame;
            try {
                // a silence longer than this throws: the read timeout bounds each wait, not the whole answer
                frame = stream.readOne(stream.readTimeout());
            } catch (RuntimeException e) {
                throw new IOException("the upstream's answer broke off", cause(e));
            }
            stream.heard();
            if (frame == null) {
                // the trailers (which end the stream), or a frame Helidon drops
                ended = stream.trailers().isDone();
                return BufferData.empty();
            }
            ended = frame.header().flags(Http2FrameTypes.DATA).endOfStream();
            return frame.data();
        }
    }
}
