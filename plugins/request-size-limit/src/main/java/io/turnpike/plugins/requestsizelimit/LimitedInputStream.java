package io.turnpike.plugins.requestsizelimit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import io.turnpike.api.ProblemException;

/**
 * A stream that fails with a {@link ProblemException} as soon as its source has more than {@code maxBytes}:
 * the reader gets the problem instead of the bytes past the limit, and never an end of stream that would make
 * a cut body look complete.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private final Supplier<ProblemException> tooLarge;
    private long count;

    LimitedInputStream(InputStream in, long maxBytes, Supplier<ProblemException> tooLarge) {
        super(in);
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // not supported: a reset would let the same bytes be counted twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void counted(long bytes) {
        count += bytes;
        if (count > maxBytes) {
            throw tooLarge.get();
        }
    }
}
