package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import io.turnpike.server.testkit.RawHttp;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TestUpstream.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's HTTP behaviour, through the real server in front of a real upstream on loopback.
 */
class ProxyTest {

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void startUpstream() {
        upstream = TestUpstream.replying(request -> switch (request.rawPath()) {
            case "/status/201" -> new Reply(201, Map.of("Location", "/things/1"), "made".getBytes());
            case "/status/404" -> Reply.text(404, "upstream says no such thing");
            case "/status/204" -> new Reply(204, Map.of("X-Empty", "yes"), new byte[0]);
            default -> new Reply(200, Map.of("Content-Type", "text/plain", "Connection", "close, X-Upstream-Hop",
                    "X-Upstream-Hop", "secret", "X-Upstream", "kept"), "hello".getBytes());
        });
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private TestGateway gateway(String routes) {
        String yaml = """
                upstreams:
                  backend:
                    targets:
                      - url: %s
                    connect-timeout: 1s
                    read-timeout: 2s
                routes:
                %s
                """.formatted(upstream.url(), routes.indent(2));
        gateway = TestGateway.start(yaml, dir.resolve("plugins"), dir);
        return gateway;
    }

    private TestGateway anyPathGateway() {
        return gateway("""
                - id: all
                  match:
                    path: /**
                  upstream: backend
                """);
    }

    @Test
    void forwardsTheRequestAndReturnsTheUpstreamsAnswer() {
        HttpResponse<String> response = anyPathGateway().get("/hello?x=1");

        assertEquals(200, response.statusCode());
        assertEquals("hello", response.body());
        RecordedRequest received = upstream.takeRequest();
        assertEquals("GET", received.method());
        assertEquals("/hello", received.rawPath());
        assertEquals("x=1", received.rawQuery());
    }

    @Test
    void upstreamStatusesPassThroughUnchanged() {
        anyPathGateway();

        HttpResponse<String> created = gateway.get("/status/201");
        HttpResponse<String> missing = gateway.get("/status/404");

        assertEquals(201, created.statusCode());
        assertEquals("/things/1", created.headers().firstValue("Location").orElseThrow());
        assertEquals(404, missing.statusCode());
        assertEquals("upstream says no such thing", missing.body());
    }

    @Test
    void noContentAnswerKeepsItsHeaders() {
        HttpResponse<String> response = anyPathGateway().get("/status/204");

        assertEquals(204, response.statusCode());
        assertEquals("yes", response.headers().firstValue("X-Empty").orElseThrow());
    }

    @Test
    void queryIsForwardedExactlyAsTheClientWroteIt() {
        anyPathGateway().get("/search?q=a+b&amp=%26&q=c%20d&flag&empty=");

        assertEquals("q=a+b&amp=%26&q=c%20d&flag&empty=", upstream.takeRequest().rawQuery());
    }

    @Test
    void hopByHopHeadersAreNotForwardedEitherWay() {
        anyPathGateway();
        int status = RawHttp.status(gateway.port(), "GET /hop HTTP/1.1\r\nHost: client.example\r\n"
                + "Connection: keep-alive, X-Client-Hop\r\nX-Client-Hop: secret\r\nKeep-Alive: timeout=5\r\n"
                + "TE: trailers\r\nProxy-Authorization: Basic eA==\r\nX-Kept: yes\r\nConnection: close\r\n\r\n");

        assertEquals(200, status);
        RecordedRequest received = upstream.takeRequest();
        assertNull(received.header("X-Client-Hop"));
        assertNull(received.header("Keep-Alive"));
        assertNull(received.header("TE"));
        assertNull(received.header("Proxy-Authorization"));
        assertNull(received.header("Proxy-Connection"));
        assertEquals("yes", received.header("X-Kept"));

        HttpResponse<String> response = gateway.get("/hop");
        assertFalse(response.headers().firstValue("X-Upstream-Hop").isPresent());
        assertEquals("kept", response.headers().firstValue("X-Upstream").orElseThrow());
    }

    @Test
    void upstreamLearnsWhoTheClientIs() {
        anyPathGateway().get("/who", "X-Forwarded-For", "203.0.113.9");

        RecordedRequest received = upstream.takeRequest();
        assertEquals("203.0.113.9, 127.0.0.1", received.header("X-Forwarded-For"));
        assertEquals("http", received.header("X-Forwarded-Proto"));
        assertEquals("127.0.0.1:" + gateway.port(), received.header("X-Forwarded-Host"));
        assertEquals("for=127.0.0.1;host=\"127.0.0.1:" + gateway.port() + "\";proto=http", received.header("Forwarded"));
    }

    @Test
    void hostIsTheTargetsUnlessTheRoutePreservesIt() {
        gateway("""
                - id: plain
                  match: {path: /plain}
                  upstream: backend
                - id: preserving
                  match: {path: /preserving}
                  upstream: backend
                  preserve-host: true
                """);

        RawHttp.status(gateway.port(), "GET /plain HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n\r\n");
        RawHttp.status(gateway.port(), "GET /preserving HTTP/1.1\r\nHost: api.example.com\r\nConnection: close\r\n\r\n");

        assertEquals(upstream.url().substring("http://".length()), upstream.takeRequest().header("Host"));
        assertEquals("api.example.com", upstream.takeRequest().header("Host"));
    }

    @Test
    void everyRequestGetsAnIdOnTheResponseAndUpstream() {
        HttpResponse<String> response = anyPathGateway().get("/id");

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(id, upstream.takeRequest().header("X-Request-Id"));
    }

    @Test
    void aValidClientRequestIdIsKeptAndAnInvalidOneReplaced() {
        anyPathGateway();

        String kept = gateway.get("/id", "X-Request-Id", "trace-42.a:b").headers().firstValue("X-Request-Id").orElseThrow();
        String replaced = gateway.get("/id", "X-Request-Id", "bad id <script>").headers().firstValue("X-Request-Id")
                .orElseThrow();

        assertEquals("trace-42.a:b", kept);
        assertTrue(replaced.matches("[0-9a-f]{32}"), replaced);
    }

    @Test
    void stripPrefixRemovesTheLeadingSegments() {
        gateway("""
                - id: users
                  match: {path: /api/users/**}
                  upstream: backend
                  strip-prefix: /api
                """);

        gateway.get("/api/users/7");
        gateway.get("/api/users");

        assertEquals("/users/7", upstream.takeRequest().rawPath());
        assertEquals("/users", upstream.takeRequest().rawPath());
    }

    @Test
    void noMatchingRouteIsA404Problem() {
        gateway("""
                - id: users
                  match: {path: /users}
                  upstream: backend
                """);

        HttpResponse<String> response = gateway.get("/nothing-here");

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("\"status\":404"), response.body());
        assertTrue(response.body().contains(response.headers().firstValue("X-Request-Id").orElseThrow()));
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void wrongMethodIsA405WithAllow() {
        gateway("""
                - id: users
                  match: {path: /users, methods: [GET, POST]}
                  upstream: backend
                """);

        HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/users"))
                .DELETE().build());

        assertEquals(405, response.statusCode());
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void theNormalisedPathIsWhatTheUpstreamSees() {
        gateway("""
                - id: public
                  match: {path: /public/**}
                  upstream: backend
                """);

        int status = RawHttp.status(gateway.port(),
                "GET /public/a/./b/../%63//d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertEquals(200, status);
        assertEquals("/public/a/c/d", upstream.takeRequest().rawPath());
    }

    @Test
    void dotSegmentsCannotClimbOutOfTheMatchedRoute() {
        gateway("""
                - id: public
                  match: {path: /public/**}
                  upstream: backend
                """);

        int status = RawHttp.status(gateway.port(),
                "GET /public/%2e%2e/admin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertEquals(404, status);
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void encodedSlashIsRefusedUnlessTheRouteOptsIn() {
        gateway("""
                - id: strict
                  match: {path: /strict/**}
                  upstream: backend
                - id: lenient
                  match: {path: /lenient/**}
                  upstream: backend
                  allow-encoded-slashes: true
                """);

        assertEquals(400, gateway.get("/strict/a%2Fb").statusCode());
        assertEquals(400, RawHttp.status(gateway.port(), "GET /strict/a\\b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        assertEquals(400, gateway.get("/strict/a%00b").statusCode());
        assertEquals(0, upstream.requestCount());

        assertEquals(200, gateway.get("/lenient/a%2Fb").statusCode());
        assertEquals("/lenient/a%2Fb", upstream.takeRequest().rawPath());
    }

    @Test
    void headersOverTheConfiguredSizeAreRefused() {
        String yaml = """
                server:
                  max-header-size: 1024
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: all
                    match: {path: /**}
                    upstream: backend
                """.formatted(upstream.url());
        gateway = TestGateway.start(yaml, dir.resolve("plugins"), dir);

        int status = RawHttp.status(gateway.port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2048)
                + "\r\nConnection: close\r\n\r\n");

        assertTrue(status == 400 || status == 431, "status " + status);
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void headerWithNulIsRefused() {
        anyPathGateway();

        int status = RawHttp.status(gateway.port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\nConnection: close\r\n\r\n");

        assertEquals(400, status);
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void refusedConnectionIsA502() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String yaml = """
                upstreams:
                  gone:
                    targets:
                      - url: http://127.0.0.1:%d
                routes:
                  - id: gone
                    match: {path: /**}
                    upstream: gone
                """.formatted(closedPort);
        gateway = TestGateway.start(yaml, dir.resolve("plugins"), dir);

        HttpResponse<String> response = gateway.get("/x");

        assertEquals(502, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertNotNull(response.headers().firstValue("X-Request-Id").orElse(null));
    }
}
