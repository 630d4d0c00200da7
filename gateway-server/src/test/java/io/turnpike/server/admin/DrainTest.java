package io.turnpike.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrainTest {

    @TempDir
    Path dir;

    @Test
    void healthIsUpOnceTheGatewayServes() {
        try (TestUpstream upstream = TestUpstream.ok(); TestGateway gateway = start(upstream)) {
            HttpResponse<String> health = TestGateway.send(HttpRequest.newBuilder(gateway.adminUri("/health")).build());

            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\"}", health.body());
        }
    }

    @Test
    void inFlightRequestFinishesWhileHealthSaysDraining() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestUpstream upstream = TestUpstream.handling(exchange -> {
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "finished".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        })) {
            TestGateway gateway = start(upstream);
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> gateway.get("/slow"));
            assertEquals(true, arrived.await(10, TimeUnit.SECONDS));

            CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway::close);
            awaitHealth(gateway, 503);
            release.countDown();

            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("finished", response.body());
            closing.get(30, TimeUnit.SECONDS);
        }
    }

    private TestGateway start(TestUpstream upstream) {
        return TestGateway.start("""
                server:
                  drain-timeout: 20s
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

    private static void awaitHealth(TestGateway gateway, int status) {
        Eventually.await("health answers " + status, () -> TestGateway.send(
                HttpRequest.newBuilder(gateway.adminUri("/health")).timeout(Duration.ofSeconds(2)).build())
                .statusCode() == status);
    }
}
