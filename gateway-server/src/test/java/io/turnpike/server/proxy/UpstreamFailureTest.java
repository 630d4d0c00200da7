package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client gets when the upstream is slow or breaks: a problem answer when nothing was sent yet,
 * a cut connection when the body had already begun, never a body that looks complete and is not.
 */
class UpstreamFailureTest {

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);
    private TestUpstream upstream;
    private TestGateway gateway;

    @AfterEach
    void stop() {
        release.countDown();
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private void start(TestUpstream backend, String readTimeout) {
        upstream = backend;
        gateway = TestGateway.start("""
                upstreams:
                  backend:
                    targets:
                      - url: %s
                    read-timeout: %s
                routes:
                  - id: all
                    match: {path: /**}
                    upstream: backend
                """.formatted(upstream.url(), readTimeout), dir.resolve("plugins"), dir);
    }

    @Test
    void upstreamPastReadTimeoutIsA504() {
        start(TestUpstream.handling(exchange -> {
            awaitRelease();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }), "300ms");

        HttpResponse<String> response = gateway.get("/slow");

        assertEquals(504, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void gatewayKeepsServingAfterAnUpstreamTimeout() {
        start(TestUpstream.handling(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                awaitRelease();
            }
            byte[] body = "fine".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }), "300ms");

        assertEquals(504, gateway.get("/slow").statusCode());
        HttpResponse<String> next = gateway.get("/fast");

        assertEquals(200, next.statusCode());
        assertEquals("fine", next.body());
    }

    @Test
    void bodyCutShortUpstreamIsCutShortForTheClient() {
        start(TestUpstream.handling(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[10_000]);
            out.flush();
            // Closing the exchange before the last chunk drops the connection mid-body.
            exchange.getHttpContext().getServer().stop(0);
        }), "2s");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/cut")).build();

        assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    @Test
    void smallBodyOfKnownLengthCutShortIsA502BeforeAnyByteReachesTheClient() {
        start(TestUpstream.handling(exchange -> {
            exchange.sendResponseHeaders(200, 1_000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[100]);
            out.flush();
            exchange.getHttpContext().getServer().stop(0);
        }), "2s");

        HttpResponse<String> response = gateway.get("/cut");

        assertEquals(502, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
