package io.turnpike.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.HeldRequests;
import io.turnpike.server.testkit.RawHttp;
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

    /**
     * Under a steady load of HTTP/1.1 requests (POSTs, which no client sends twice by itself), a stop answers every
     * request the upstream carried out, fails only requests it never saw, and ends with the requests under way.
     */
    @Test
    void underLoadNoRequestIsBothCarriedOutAndFailed() throws Exception {
        Map<String, AtomicInteger> carriedOut = new ConcurrentHashMap<>();
        try (TestUpstream upstream = TestUpstream.handling(exchange -> {
            carriedOut.computeIfAbsent(exchange.getRequestHeaders().getFirst("X-Call"), id -> new AtomicInteger())
                    .incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                // long enough that requests are always under way
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        })) {
            TestGateway gateway = start(upstream, "10s");
            URI target = gateway.uri("/orders");
            AtomicLong ids = new AtomicLong();
            AtomicInteger answered = new AtomicInteger();
            Queue<String> failedButCarriedOut = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (true) {
                        String id = "call-" + ids.incrementAndGet();
                        try {
                            int status = TestGateway.send(HttpRequest.newBuilder(target).header("X-Call", id)
                                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("order"))
                                    .build()).statusCode();
                            if (status != 204) {
                                throw new IllegalStateException("answered " + status);
                            }
                            answered.incrementAndGet();
                        } catch (RuntimeException failed) {
                            if (carriedOut.containsKey(id)) {
                                failedButCarriedOut.add(id + ": " + failed);
                            }
                            return;
                        }
                    }
                }));
            }
            Eventually.await("requests answered", () -> answered.get() >= 100);

            long began = System.nanoTime();
            gateway.close();
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            for (Thread client : clients) {
                assertTrue(client.join(Duration.ofSeconds(20)), "every client's last request ended");
            }
            assertEquals(List.of(), List.copyOf(failedButCarriedOut), "failed, though the upstream carried them out");
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0,
                    "the stop waited for the drain timeout (10 s): " + took);
        }
    }

    /** While the gateway drains, each HTTP/1.1 answer closes its connection, so the client's next goes elsewhere. */
    @Test
    void answersDuringTheDrainCloseTheirConnection() throws Exception {
        HeldRequests held = new HeldRequests("/held");
        try (TestUpstream upstream = TestUpstream.handling(held); HeldRequests releasedFirst = held) {
            TestGateway gateway = start(upstream);
            assertEquals("keep-alive", connectionField(gateway), "before the stop");
            Thread client = Thread.ofVirtual().start(() -> gateway.get("/held"));
            assertTrue(held.awaitArrival(Duration.ofSeconds(10)));
            Thread closing = Thread.ofVirtual().start(gateway::close);
            awaitHealth(gateway, 503);

            assertEquals("close", connectionField(gateway));

            held.close();
            assertTrue(client.join(Duration.ofSeconds(10)));
            assertTrue(closing.join(Duration.ofSeconds(30)));
        }
    }

    /** Asked to stop again (a second SIGTERM, Ctrl-C twice), the gateway ends its drain at once. */
    @Test
    void aGatewayAskedToStopAgainEndsItsDrainAtOnce() throws Exception {
        HeldRequests held = new HeldRequests("/held");
        try (TestUpstream upstream = TestUpstream.handling(held); HeldRequests releasedFirst = held) {
            TestGateway gateway = start(upstream, "60s");
            AtomicReference<String> statusLine = new AtomicReference<>();
            Thread client = Thread.ofVirtual().start(() -> statusLine.set(
                    RawHttp.statusLine(gateway.port(), "GET /held HTTP/1.1\r\nHost: gateway\r\n\r\n")));
            assertTrue(held.awaitArrival(Duration.ofSeconds(10)));
            Thread closing = Thread.ofVirtual().start(gateway::close);
            awaitHealth(gateway, 503);

            gateway.gateway().hurry();

            assertTrue(closing.join(Duration.ofSeconds(10)), "the stop ended long before the drain timeout");
            assertTrue(client.join(Duration.ofSeconds(10)));
            assertEquals("", statusLine.get(), "the request under way was cut");
        }
    }

    /** The {@code Connection} field of an answer through the gateway, read where the JDK's client hides it. */
    private static String connectionField(TestGateway gateway) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) gateway.uri("/quick").toURL().openConnection();
        try {
            assertEquals(204, connection.getResponseCode());
            return connection.getHeaderField("Connection");
        } finally {
            connection.disconnect();
        }
    }

    /**
     * The drain timeout bounds the whole stop: a request still under way when it runs out is cut then, rather
     * than given the timeout again once the listener stops (which made a stop take twice as long).
     */
    @Test
    void aRequestStillUnderWayWhenTheDrainTimeoutRunsOutIsCutThen() throws Exception {
        HeldRequests held = new HeldRequests("/held");
        // released before the upstreams stop, which wait for the requests they hold
        try (TestUpstream first = TestUpstream.handling(held); TestUpstream second = TestUpstream.handling(held);
             HeldRequests releasedFirst = held) {
            TestGateway gateway = TestGateway.start("""
                    server:
                      drain-timeout: 2s
                    upstreams:
                      backend:
                        targets:
                          - url: %s
                          - url: %s
                        read-timeout: 60s
                    routes:
                      - id: all
                        match: {path: /**}
                        upstream: backend
                    """.formatted(first.url(), second.url()), dir.resolve("plugins"), dir);
            AtomicReference<String> statusLine = new AtomicReference<>();
            Thread client = Thread.ofVirtual().start(() -> statusLine.set(
                    RawHttp.statusLine(gateway.port(), "GET /held HTTP/1.1\r\nHost: gateway\r\n\r\n")));
            assertTrue(held.awaitArrival(Duration.ofSeconds(10)));

            long began = System.nanoTime();
            gateway.close();
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0, "waited out the drain timeout: " + took);
            assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "not twice the drain timeout: " + took);
            assertTrue(client.join(Duration.ofSeconds(10)), "the client's request ended");
            assertEquals("", statusLine.get(), "its connection closed without an answer");
            assertEquals(1, held.count(), "a cut request is not sent to the other target");
        }
    }

    private TestGateway start(TestUpstream upstream) {
        return start(upstream, "20s");
    }

    private TestGateway start(TestUpstream upstream, String drainTimeout) {
        return TestGateway.start("""
                server:
                  drain-timeout: %s
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: all
                    match: {path: /**}
                    upstream: backend
                """.formatted(drainTimeout, upstream.url()), dir.resolve("plugins"), dir);
    }

    private static void awaitHealth(TestGateway gateway, int status) {
        Eventually.await("health answers " + status, () -> TestGateway.send(
                HttpRequest.newBuilder(gateway.adminUri("/health")).timeout(Duration.ofSeconds(2)).build())
                .statusCode() == status);
    }
}
