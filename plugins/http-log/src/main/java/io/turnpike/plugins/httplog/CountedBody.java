package io.turnpike.plugins.httplog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

import io.turnpike.api.Body;
import io.turnpike.api.Headers;

/**
 * An answer's body passed on as it streams, counting its bytes, and telling once when it has been read to its end
 * or closed, whichever comes first: that is when the answer has been sent. Its trailers are the original's, so a
 * gRPC answer keeps its {@code grpc-status}.
 */
final class CountedBody implements Body {

    private final Body body;
    private final LongConsumer ended;

    /**
     * @param body  the answer's body
     * @param ended told the bytes read, once
     */
    CountedBody(Body body, LongConsumer ended) {
        this.body = body;
        this.ended = ended;
    }

    @Override
    public long length() {
        return body.length();
    }

    @Override
    public Headers trailers() {
        return body.trailers();
    }

    @Override
    public InputStream stream() {
        return new Counting(body.stream(), ended);
    }

    private static final class Counting extends FilterInputStream {

        private final LongConsumer ended;
        private final AtomicBoolean told = new AtomicBoolean();
        private long count;

        Counting(InputStream in, LongConsumer ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                end();
            } else {
                count += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                end();
            }
        }

        private void end() {
            if (told.compareAndSet(false, true)) {
                ended.accept(count);
            }
        }
    }
}
