package io.turnpike.plugins.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compression beside the plugins that change bodies, all loaded by PF4J from their jars: it compresses the
 * answer response-transformer made, and response-cache keeps the answer uncompressed, so that each client
 * gets its own form from one entry.
 */
class CompressionWithBodyPluginsIT {

    /** Long enough to be worth compressing; its "internal" field is for the transformer to remove. */
    private static final String ANSWER = "{\"internal\":\"secret\",\"items\":\"" + "widget,".repeat(100) + "\"}";

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.handling(exchange -> {
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=60");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        Path plugins = PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest(),
                PluginJars.sibling("response-cache"), PluginJars.sibling("transformer"));
        gateway = TestGateway.start("""
                upstreams:
                  api:
                    targets:
                      - url: %s
                routes:
                  - id: api
                    match: {path: /api/**}
                    upstream: api
                    plugins:
                      - name: compression
                      - name: response-transformer
                        config: {remove-json: [internal]}
                      - name: response-cache
                """.formatted(upstream.url()), plugins, dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private HttpResponse<byte[]> get(String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/api/items")).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return TestGateway.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String status(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Cache-Status").orElse("(none)");
    }

    @Test
    void eachClientGetsItsFormOfTheTransformedAnswerFromOneCacheEntry() throws IOException {
        HttpResponse<byte[]> first = get("Accept-Encoding", "gzip");
        HttpResponse<byte[]> plain = get();
        HttpResponse<byte[]> again = get("Accept-Encoding", "gzip");

        assertEquals("MISS", status(first));
        assertEquals(Optional.of("gzip"), first.headers().firstValue("Content-Encoding"));
        String transformed = gunzip(first.body());
        assertFalse(transformed.contains("internal"), "compressed after the transformer removed the field");

        assertEquals("HIT", status(plain));
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent(), "the cache kept it uncompressed");
        assertEquals(transformed, new String(plain.body(), StandardCharsets.UTF_8));

        assertEquals("HIT", status(again));
        assertEquals(transformed, gunzip(again.body()));
        assertEquals(1, upstream.requestCount());
    }
}
