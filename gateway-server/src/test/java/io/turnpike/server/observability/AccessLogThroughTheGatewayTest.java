package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real gateway writes one access-log line per request to standard output. */
class AccessLogThroughTheGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream standardOutput;
    private TestUpstream upstream;

    @BeforeEach
    void captureStandardOutput() {
        standardOutput = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void restore() {
        System.setOut(standardOutput);
        upstream.close();
    }

    private String config(String server) {
        return server + """
                upstreams:
                  backend:
                    targets: [{url: "%s"}]
                routes:
                  - id: api
                    match: {path: /api/**}
                    upstream: backend
                    strip-prefix: /api
                """.formatted(upstream.url());
    }

    /** The lines written while the gateway ran; closing it writes what was still queued. */
    private List<JsonNode> linesOf(String server, String... paths) throws Exception {
        try (TestGateway gateway = TestGateway.start(config(server), dir.resolve("plugins"), dir)) {
            for (String path : paths) {
                try {
                    gateway.get(path);
                } catch (UncheckedIOException cutShort) {
                    // the client saw its answer end early: what the log says of it is under test
                }
            }
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void proxiedRequestIsLoggedWithItsRouteUpstreamStatusAndSize() throws Exception {
        List<JsonNode> lines = linesOf("", "/api/hello?apikey=s3cret");

        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = lines.getFirst();
        assertEquals("GET", line.path("method").asText());
        assertEquals("/api/hello", line.path("path").asText(), "the path as routed, without the query");
        assertFalse(line.toString().contains("s3cret"), "a query may hold credentials, and is never logged");
        assertEquals(200, line.path("status").asInt());
        assertEquals("hello from upstream".length(), line.path("bytes").asInt());
        assertEquals("api", line.path("route").asText());
        assertEquals(upstream.url(), line.path("upstream").asText());
        assertEquals("127.0.0.1", line.path("client").asText());
        assertTrue(line.path("duration-ms").asDouble() >= line.path("upstream-ms").asDouble(), line.toString());
        assertEquals(32, line.path("request-id").asText().length());
    }

    @Test
    void requestThatMatchesNoRouteIsLoggedWithItsStatus() throws Exception {
        List<JsonNode> lines = linesOf("", "/nowhere");

        assertEquals(1, lines.size(), lines.toString());
        assertEquals(404, lines.getFirst().path("status").asInt());
        assertTrue(lines.getFirst().path("route").isMissingNode());
        assertTrue(lines.getFirst().path("upstream").isMissingNode());
    }

    @Test
    void disabledAccessLogWritesNothing() throws Exception {
        assertEquals(List.of(), linesOf("server: {access-log: {enabled: false}}\n", "/api/hello", "/nowhere"));
    }

    /** An upstream that starts an answer and drops the connection part-way, announcing how long it would be. */
    private void upstreamCuttingItsAnswer(long announced, int sent) {
        upstream.close();
        upstream = TestUpstream.handling(exchange -> {
            exchange.sendResponseHeaders(200, announced);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[sent]);
            out.flush();
            exchange.getHttpContext().getServer().stop(0);
        });
    }

    @Test
    void streamedAnswerCutShortIsLoggedAsAborted() throws Exception {
        upstreamCuttingItsAnswer(0, 10_000);   // chunked, and never finished

        List<JsonNode> lines = linesOf("", "/api/cut");

        assertEquals(1, lines.size(), lines.toString());
        assertEquals(200, lines.getFirst().path("status").asInt(), "the status line had gone out");
        assertTrue(lines.getFirst().path("aborted").asBoolean(), lines.toString());
        assertTrue(lines.getFirst().path("bytes").isMissingNode(), lines.toString());
    }

    @Test
    void smallAnswerCutShortIsLoggedWithTheStatusTheClientGot() throws Exception {
        upstreamCuttingItsAnswer(1_000, 100);   // read whole before sending, so the client gets a 502 instead

        List<JsonNode> lines = linesOf("", "/api/cut");

        assertEquals(1, lines.size(), lines.toString());
        assertEquals(502, lines.getFirst().path("status").asInt(), lines.toString());
    }
}
