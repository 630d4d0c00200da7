package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream through the gateway: each test moves more bytes than the test JVM's heap (surefire runs it
 * with -Xmx512m), so a gateway that buffered a body would fail with OutOfMemoryError.
 */
class StreamingTest {

    private static final long ONE_GIB = 1L << 30;

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private void start(TestUpstream backend) {
        upstream = backend;
        gateway = TestGateway.start("""
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: all
                    match: {path: /**}
                    upstream: backend
                """.formatted(upstream.url()), dir.resolve("plugins"), dir);
    }

    @Test
    void oneGibUploadArrivesWholeWithoutBeingBuffered() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        start(TestUpstream.handling(exchange -> {
            received.set(digest(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }));

        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gateway.uri("/upload"))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(ONE_GIB)), ONE_GIB))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertEquals(204, response.statusCode());
        assertEquals(digest(new Pattern(ONE_GIB)), received.get());
    }

    @Test
    void chunkedUploadOfUnknownLengthArrivesWhole() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        start(TestUpstream.handling(exchange -> {
            received.set(digest(exchange.getRequestBody()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }));
        long size = 64L << 20;

        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gateway.uri("/upload"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(size)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertEquals(204, response.statusCode());
        assertEquals(digest(new Pattern(size)), received.get());
    }

    @Test
    void oneGibDownloadArrivesWholeWithoutBeingBuffered() throws Exception {
        start(TestUpstream.handling(exchange -> {
            exchange.sendResponseHeaders(200, ONE_GIB);
            try (OutputStream out = exchange.getResponseBody(); InputStream in = new Pattern(ONE_GIB)) {
                in.transferTo(out);
            }
        }));

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(gateway.uri("/download")).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf(ONE_GIB), response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(digest(new Pattern(ONE_GIB)), digest(response.body()));
    }

    private static String digest(InputStream in) throws IOException {
        try (in) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                sha.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deterministic stream of bytes that is never held in memory. */
    private static final class Pattern extends InputStream {
        private final long size;
        private long position;

        Pattern(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 % 251) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((position + i) * 31 % 251);
            }
            position += n;
            return n;
        }
    }
}
