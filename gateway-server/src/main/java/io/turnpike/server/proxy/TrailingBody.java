package io.turnpike.server.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import io.turnpike.api.Body;
import io.turnpike.api.Headers;

/**
 * An upstream's streamed body that ends with trailer fields (HTTP/2, as gRPC sends its status): the trailers
 * are asked for once the stream has been read to its end, when they have arrived.
 */
final class TrailingBody implements Body {

    private final Body body;
    private final Supplier<Headers> trailers;
    private volatile boolean ended;
    private volatile Headers received;

    /**
     * @param stream   the body
     * @param length   its length, or -1 when unknown
     * @param trailers the trailers (empty when none came), to be asked for only after the end of the stream
     */
    TrailingBody(InputStream stream, long length, Supplier<Headers> trailers) {
        this.body = Body.of(new FilterInputStream(stream) {
            @Override
            public int read() throws IOException {
                return seen(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                return seen(super.read(buffer, offset, count));
            }
        }, length);
        this.trailers = trailers;
    }

    private int seen(int read) {
        if (read < 0) {
            ended = true;
        }
        return read;
    }

    @Override
    public long length() {
        return body.length();
    }

    @Override
    public InputStream stream() {
        return body.stream();
    }

    @Override
    public Headers trailers() {
        if (!ended) {
            return Headers.empty();
        }
        Headers known = received;
        if (known == null) {
            known = trailers.get();
            received = known;
        }
        return known;
    }
}
