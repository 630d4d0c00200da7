package io.turnpike.plugins.responsecache;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import io.turnpike.api.Body;

/**
 * A body of unknown length that streams to the client as it arrives while a copy is kept, up to a limit.
 * Past the limit the copy is dropped, never the response; a body read to its end completes the copy.
 * The client is never delayed and no more than the limit is ever buffered.
 */
final class TeeBody implements Body {

    private final Body source;
    private final int limit;
    private final Consumer<byte[]> complete;
    private final Runnable abandon;

    /**
     * @param source   the upstream's body
     * @param limit    the most bytes to copy
     * @param complete receives the copy once the body was read to its end within the limit
     * @param abandon  runs once when the copy is given up: past the limit, a read failure, or a close before the end
     */
    TeeBody(Body source, int limit, Consumer<byte[]> complete, Runnable abandon) {
        this.source = source;
        this.limit = limit;
        this.complete = complete;
        this.abandon = abandon;
    }

    @Override
    public long length() {
        return source.length();
    }

    @Override
    public InputStream stream() {
        return new Tee(source.stream());
    }

    private final class Tee extends FilterInputStream {

        private ByteArrayOutputStream copy = new ByteArrayOutputStream(Math.min(limit, 8192));
        private boolean settled;

        Tee(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                giveUp();
                throw e;
            }
            if (n == -1) {
                finish();
            } else if (copy != null) {
                if (copy.size() + n > limit) {
                    giveUp();
                } else {
                    copy.write(buffer, offset, n);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes are not copied: the copy would have a hole.
            giveUp();
            return super.skip(n);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                giveUp();
            }
        }

        private void finish() {
            if (!settled && copy != null) {
                settled = true;
                byte[] bytes = copy.toByteArray();
                copy = null;
                complete.accept(bytes);
            }
        }

        private void giveUp() {
            copy = null;
            if (!settled) {
                settled = true;
                abandon.run();
            }
        }
    }
}
