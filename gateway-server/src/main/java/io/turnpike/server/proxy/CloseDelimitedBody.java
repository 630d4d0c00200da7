package io.turnpike.server.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.helidon.common.buffers.DataReader;

/**
 * The body of an upstream answer with neither {@code Content-Length} nor chunked framing, which ends when the
 * upstream closes the connection (RFC 9112 section 6.3). Helidon's client reports that close as
 * {@link DataReader.InsufficientDataAvailableException}, and the gateway would take it for an answer cut
 * short; here it is the body's end. A reset is still an error: it arrives as an {@link IOException}.
 *
 * <p>Helidon's client also meets that end again when the answer is closed (it reads on, to reuse the
 * connection), and throws before it lets go of the connection; so closing this body closes the connection,
 * which an answer that ended with it cannot be used for again anyway.
 */
final class CloseDelimitedBody extends FilterInputStream {

    private final Runnable closeConnection;
    private boolean ended;

    /**
     * @param upstream        the answer's body as Helidon's client reads it
     * @param closeConnection closes the connection the answer came on
     */
    CloseDelimitedBody(InputStream upstream, Runnable closeConnection) {
        super(upstream);
        this.closeConnection = closeConnection;
    }

    @Override
    public int read() throws IOException {
        if (ended) {
            return -1;
        }
        try {
            return super.read();
        } catch (DataReader.InsufficientDataAvailableException closed) {
            ended = true;
            return -1;
        }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        try {
            return super.read(bytes, offset, length);
        } catch (DataReader.InsufficientDataAvailableException closed) {
            ended = true;
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (DataReader.InsufficientDataAvailableException closed) {
            // the end of the body, met again by Helidon's close: nothing is lost
        } finally {
            closeConnection.run();
        }
    }
}
