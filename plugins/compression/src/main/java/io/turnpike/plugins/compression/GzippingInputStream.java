package io.turnpike.plugins.compression;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip form of a stream, made as it is read: each read takes what the source has, feeds the JDK's
 * {@link GZIPOutputStream}, and hands on what that wrote. The whole body is never held; memory is one
 * chunk of input and the deflater's window.
 *
 * <p>When the source has nothing more ready after a read ({@code available()} is 0, the rule by which the
 * gateway flushes what it streams), what was compressed so far is flushed (a deflate sync flush, which keeps
 * the dictionary), so that an answer the upstream streams slowly (a feed, a report written as it is made)
 * reaches the client as it comes rather than when the deflater's buffers fill.
 */
final class GzippingInputStream extends InputStream {

    private static final int CHUNK = 16 * 1024;

    private final InputStream source;
    private final Output compressed = new Output();
    private final GZIPOutputStream gzip;
    private final byte[] chunk = new byte[CHUNK];
    private byte[] pending = new byte[0];
    private int position;
    private boolean finished;

    GzippingInputStream(InputStream source, int level) throws IOException {
        this.source = source;
        this.gzip = new GZIPOutputStream(compressed, CHUNK, true) {
            {
                def.setLevel(level);
            }
        };
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == pending.length) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, into, offset, n);
        position += n;
        return n;
    }

    private void fill() throws IOException {
        int n = source.read(chunk);
        if (n == -1) {
            gzip.finish();
            finished = true;
        } else {
            gzip.write(chunk, 0, n);
            if (source.available() == 0) {
                gzip.flush();
            }
        }
        pending = compressed.take();
        position = 0;
    }

    /** Frees the deflater's native memory whether or not the body was read to its end, and the source. */
    @Override
    public void close() throws IOException {
        try {
            gzip.close();
        } finally {
            source.close();
        }
    }

    /** What the gzip stream wrote since the last take. */
    private static final class Output extends ByteArrayOutputStream {

        byte[] take() {
            byte[] taken = toByteArray();
            reset();
            return taken;
        }
    }
}
