package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** least-requests balancing sends new requests to the target with the fewest in flight. */
class LeastRequestsTest {

    @TempDir
    Path dir;

    @Test
    void busyTargetGetsNoNewRequestWhileTheOtherIsLessBusy() throws Exception {
        AtomicInteger heldOnBusy = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger quickOnBusy = new AtomicInteger();
        AtomicInteger quickOnIdle = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try (TestUpstream busy = TestUpstream.handling(exchange -> {
                 if (exchange.getRequestURI().getPath().equals("/hold")) {
                     heldOnBusy.incrementAndGet();
                     awaitQuietly(release);
                 } else {
                     quickOnBusy.incrementAndGet();
                 }
                 Resilience.reply(exchange, 200, "busy");
             });
             TestUpstream idle = TestUpstream.handling(exchange -> {
                 if (!exchange.getRequestURI().getPath().equals("/hold")) {
                     quickOnIdle.incrementAndGet();
                 }
                 Resilience.reply(exchange, 200, "idle");
             });
             TestGateway gateway = TestGateway.start("""
                     upstreams:
                       backend:
                         balancing: least-requests
                         targets:
                           - url: %s
                           - url: %s
                             weight: 3
                     routes:
                       - id: all
                         match: {path: /**}
                         upstream: backend
                     """.formatted(busy.url(), idle.url()), dir.resolve("plugins"), dir)) {
            // One request held on the weight-1 target makes its load 1. The weight-3 target has at most one
            // request in flight (one whose answer the client has may not have ended yet): a load of 1/3 at most,
            // strictly less, for every request below. Ties on the first hold request are broken at random.
            for (int i = 0; i < 50 && heldOnBusy.get() < 1; i++) {
                int before = heldOnBusy.get();
                CompletableFuture<HttpResponse<String>> hold = client.sendAsync(
                        HttpRequest.newBuilder(gateway.uri("/hold")).build(), HttpResponse.BodyHandlers.ofString());
                held.add(hold);
                Eventually.await("the hold request is held or answered", () -> heldOnBusy.get() > before || hold.isDone());
            }
            assertEquals(1, heldOnBusy.get());

            for (int i = 0; i < 8; i++) {
                assertEquals(200, gateway.get("/quick").statusCode());
            }

            assertEquals(8, quickOnIdle.get());
            assertEquals(0, quickOnBusy.get());
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> response : held) {
                assertEquals(200, response.get(10, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
