package io.turnpike.plugins.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/compression.md through the real gateway, with the plugin jar loaded by PF4J:
 * what a gzip client, another client and a slowly streamed answer get.
 */
class CompressionIT {

    private static final byte[] JSON = "{\"id\":42,\"name\":\"a widget\",\"tags\":[\"blue\",\"small\"]},"
            .repeat(100).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start(com.sun.net.httpserver.HttpHandler handler) {
        upstream = TestUpstream.handling(handler);
        gateway = TestGateway.start(DocExamples.firstYamlBlock("plugins/compression.md")
                        .replace("http://127.0.0.1:9001", upstream.url()),
                PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()), dir);
    }

    private static void answer(HttpExchange exchange, String type, byte[] body, String... headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpResponse<byte[]> get(String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/api/items")).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return TestGateway.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void theDocumentedExampleCompressesAJsonAnswerForAGzipClient() throws IOException {
        start(exchange -> answer(exchange, "application/json", JSON));

        HttpResponse<byte[]> response = get("Accept-Encoding", "gzip, br");

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("gzip"), response.headers().firstValue("Content-Encoding"));
        assertEquals(Optional.of("Accept-Encoding"), response.headers().firstValue("Vary"));
        assertTrue(response.body().length < JSON.length / 4, "compressed to " + response.body().length);
        assertArrayEquals(JSON, gunzip(response.body()));
    }

    @Test
    void aClientWithoutGzipGetsTheUpstreamsBytesWithVary() {
        start(exchange -> answer(exchange, "application/json", JSON));

        HttpResponse<byte[]> response = get();

        assertFalse(response.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(Optional.of("Accept-Encoding"), response.headers().firstValue("Vary"));
        assertArrayEquals(JSON, response.body());
    }

    @Test
    void anAnswerTheUpstreamCompressedIsPassedOnUntouched() throws IOException {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(JSON);
        }
        start(exchange -> answer(exchange, "application/json", compressed.toByteArray(), "Content-Encoding", "gzip"));

        HttpResponse<byte[]> response = get("Accept-Encoding", "gzip");

        assertArrayEquals(compressed.toByteArray(), response.body(), "not compressed twice");
    }

    @Test
    void aSmallAnswerIsSentAsItIs() {
        byte[] small = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        start(exchange -> answer(exchange, "application/json", small));

        HttpResponse<byte[]> response = get("Accept-Encoding", "gzip");

        assertFalse(response.headers().firstValue("Content-Encoding").isPresent());
        assertArrayEquals(small, response.body());
    }

    /** The upstream sends a first event and waits: the client reads it, decompressed, before the rest exists. */
    @Test
    void aStreamedAnswerReachesTheClientAsItComes() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        start(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first event\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (firstRead.await(20, TimeUnit.SECONDS)) {
                    out.write("second event\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        HttpResponse<InputStream> response = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/api/feed"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(Optional.of("gzip"), response.headers().firstValue("Content-Encoding"));
        try (InputStream events = new GZIPInputStream(response.body())) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> line(events));
            assertEquals("first event", first.get(10, TimeUnit.SECONDS), "the first event came before the second existed");
            firstRead.countDown();
            assertEquals("second event", line(events));
            assertEquals(-1, events.read());
        }
    }

    /**
     * One line, read a byte at a time: a Reader would ask for more than the line, and GZIPInputStream says it
     * has more until its end, so a Reader would wait for the second event before it gave the first.
     */
    private static String line(InputStream in) {
        try {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
