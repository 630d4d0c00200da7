package io.turnpike.plugins.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

class GzippingInputStreamTest {

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(InputStream source, int level) throws IOException {
        try (InputStream in = new GzippingInputStream(source, level)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aLargeBodyComesBackWhole() throws IOException {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        Random random = new Random(7);
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ("{\"id\":,\"name\":\"\"}".charAt(random.nextInt(17)));
        }

        byte[] compressed = gzip(new ByteArrayInputStream(body), 1);

        assertArrayEquals(body, gunzip(compressed));
        assertTrue(compressed.length < body.length / 2, "compressed to " + compressed.length);
    }

    @Test
    void anEmptyBodyIsAnEmptyGzipStream() throws IOException {
        assertArrayEquals(new byte[0], gunzip(gzip(InputStream.nullInputStream(), 1)));
    }

    @Test
    void aHigherLevelCompressesMore() throws IOException {
        byte[] text = "The quick brown fox jumps over the lazy dog; ".repeat(2000).getBytes(StandardCharsets.UTF_8);
        byte[] shuffled = text.clone();
        Random random = new Random(3);
        for (int i = 0; i < shuffled.length; i += 7) {
            shuffled[i] = (byte) ('a' + random.nextInt(26));
        }

        assertTrue(gzip(new ByteArrayInputStream(shuffled), 9).length < gzip(new ByteArrayInputStream(shuffled), 1).length);
    }

    /** A source that has sent its first part and waits: what was read so far must be decodable now. */
    @Test
    void whatTheSourceSentSoFarIsFlushedWhenItHasNothingMoreReady() throws IOException {
        byte[] first = "{\"event\":1}\n".getBytes(StandardCharsets.UTF_8);
        InputStream waiting = new InputStream() {
            private int position;

            @Override
            public int read() {
                throw new AssertionError("read past the first part: the source would block here");
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (position == first.length) {
                    throw new AssertionError("read past the first part: the source would block here");
                }
                int n = Math.min(length, first.length - position);
                System.arraycopy(first, position, into, offset, n);
                position += n;
                return n;
            }

            @Override
            public int available() {
                return 0;
            }
        };
        GzippingInputStream gzip = new GzippingInputStream(waiting, 1);

        byte[] sent = new byte[1024];
        int n = gzip.read(sent, 0, sent.length);

        assertArrayEquals(first, inflateAfterHeader(Arrays.copyOf(sent, n)));
    }

    /** The deflate data after gzip's 10-byte header, inflated as far as it goes. */
    private static byte[] inflateAfterHeader(byte[] partial) throws IOException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(partial, 10, partial.length - 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    @Test
    void closingClosesTheSource() throws IOException {
        boolean[] closed = {false};
        InputStream source = new ByteArrayInputStream(new byte[100]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new GzippingInputStream(source, 1).close();

        assertTrue(closed[0]);
    }
}
