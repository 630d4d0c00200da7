package io.turnpike.plugins.requestsizelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/request-size-limit.md (a 1 MiB limit), run as written through the real gateway
 * with the packaged plugin jar, against an upstream that reports how each body ended.
 */
class RequestSizeLimitIT {

    private static final int LIMIT = 1_048_576;
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;
    /** How the upstream's last body read ended: "complete N" or "aborted after N: exception". */
    private final CompletableFuture<String> outcome = new CompletableFuture<>();
    private final CountDownLatch upstreamReading = new CountDownLatch(1);

    private void start() {
        upstream = TestUpstream.handling(exchange -> {
            long read = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    read += n;
                    upstreamReading.countDown();
                }
                outcome.complete("complete " + read);
            } catch (IOException e) {
                outcome.complete("aborted after " + read + ": " + e);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        String example = DocExamples.firstYamlBlock("plugins/request-size-limit.md")
                .replace("http://127.0.0.1:9001", upstream.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedBeforeTheUpstreamIsCalled() {
        start();

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));

        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("larger than the 1048576 bytes"), response.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aContentLengthAtTheLimitPasses() throws Exception {
        start();

        assertEquals(200, post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT])).statusCode());
        assertEquals("complete " + LIMIT, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aChunkedBodyExactlyAtTheLimitReachesTheUpstreamWhole() throws Exception {
        start();
        try (RawUpload upload = new RawUpload(gateway.port())) {
            upload.chunks(LIMIT / CHUNK);
            upload.end();

            assertEquals(200, upload.status());
        }
        assertEquals("complete " + LIMIT, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aChunkedBodyUnderTheLimitReachesTheUpstreamWhole() throws Exception {
        start();

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(new byte[1000])));

        assertEquals(200, response.statusCode());
        assertEquals("complete 1000", outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsRefusedAndTheUpstreamSeesTheRequestAborted() throws Exception {
        start();
        try (RawUpload upload = new RawUpload(gateway.port())) {
            upload.chunks(LIMIT / CHUNK - 1);
            assertTrue(upstreamReading.await(10, TimeUnit.SECONDS), "the body never started to reach the upstream");
            upload.chunks(2);

            assertEquals(413, upload.status());
        }
        String ended = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(ended.startsWith("aborted after "), ended);
        long received = Long.parseLong(ended.substring("aborted after ".length(), ended.indexOf(':')));
        assertTrue(received <= LIMIT, ended);
    }

    @Test
    void theRouteServesTheNextRequestAfterAnAbortedOne() throws Exception {
        start();
        try (RawUpload upload = new RawUpload(gateway.port())) {
            upload.chunks(LIMIT / CHUNK - 1);
            assertTrue(upstreamReading.await(10, TimeUnit.SECONDS), "the body never started to reach the upstream");
            upload.chunks(2);
            assertEquals(413, upload.status());
        }

        assertEquals(200, post(HttpRequest.BodyPublishers.ofString("small")).statusCode());
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.uri("/upload/a"))
                .timeout(Duration.ofSeconds(30)).POST(body).build());
    }

    /** A chunked upload written step by step on a raw socket, so a test can pause between chunks. */
    private static final class RawUpload implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;

        RawUpload(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            out.write(("POST /upload/a HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        void chunks(int count) throws IOException {
            byte[] data = new byte[CHUNK];
            for (int i = 0; i < count; i++) {
                out.write((Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(data);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }

        void end() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        int status() throws IOException {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
