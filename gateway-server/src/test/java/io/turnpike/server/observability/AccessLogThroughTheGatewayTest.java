package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
                gateway.get(path);
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
}
