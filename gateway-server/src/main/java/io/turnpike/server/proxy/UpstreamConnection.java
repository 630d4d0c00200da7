package io.turnpike.server.proxy;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import io.helidon.webclient.api.TcpClientConnection;

/**
 * One keep-alive connection to a target, as the gateway hands it to Helidon's client for one exchange at a
 * time. It notes the HTTP version of each answer, which Helidon's client reads and drops: an HTTP/1.0 upstream
 * (Python's {@code http.server}, say) closes the connection after every answer without a
 * {@code Connection: close}, and a request written to it before the close is seen fails with a broken pipe.
 * RFC 9112 section 9.3 says such a connection ends with its answer, so it is closed rather than kept, as nginx
 * does with HTTP/1.0 upstreams. So is a connection whose reads reached the end of the stream, as an answer
 * without {@code Content-Length} or chunked framing does (its body ends with the connection).
 */
final class UpstreamConnection extends WatchedSocket {

    private static final byte[] HTTP_1_0 = "HTTP/1.0".getBytes(StandardCharsets.US_ASCII);

    private final Predicate<UpstreamConnection> keep;
    /** How many bytes of the current answer's version have been compared; HTTP_1_0.length when done. */
    private int versionBytesSeen;
    private boolean http10;
    private boolean ended;
    /** Helidon's connection still looks connected once closed (its socket's isConnected() stays true). */
    private volatile boolean closed;

    /**
     * @param connection an open connection
     * @param keep       takes the connection back when an answer ends cleanly; false to close it instead
     */
    UpstreamConnection(TcpClientConnection connection, Predicate<UpstreamConnection> keep) {
        super(connection);
        this.keep = keep;
    }

    /** Called as the connection is handed to an exchange: the next bytes read begin an answer. */
    void startExchange() {
        versionBytesSeen = 0;
        http10 = false;
    }

    /** Every answer's first bytes are seen here. */
    @Override
    byte[] nextBytes() {
        byte[] bytes = socket().helidonSocket().get();
        if (bytes == null) {
            ended = true;
        }
        for (int i = 0; bytes != null && i < bytes.length && versionBytesSeen < HTTP_1_0.length; i++) {
            if (bytes[i] != HTTP_1_0[versionBytesSeen]) {
                versionBytesSeen = HTTP_1_0.length;
            } else if (++versionBytesSeen == HTTP_1_0.length) {
                http10 = true;
            }
        }
        return bytes;
    }

    @Override
    public boolean isConnected() {
        return !closed && super.isConnected();
    }

    /** Helidon's client calls this when an answer ended cleanly. */
    @Override
    public void releaseResource() {
        // a connection closed already is refused by the pool too (isConnected), and closing it again does nothing
        if (http10 || ended || !keep.test(this)) {
            closeResource();
        }
    }

    @Override
    public void closeResource() {
        closed = true;
        super.closeResource();
    }
}
