package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** least-requests balancing sends new requests to the target with the fewest in flight. */
class LeastRequestsTest {

    @TempDir
    Path dir;

    @Test
    void busyTargetGetsNoNewRequestWhileTheOtherIsIdle() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger quickA = new AtomicInteger();
        AtomicInteger quickB = new AtomicInteger();
        try (TestUpstream a = TestUpstream.handling(holdOrCount(arrived, release, quickA));
             TestUpstream b = TestUpstream.handling(holdOrCount(arrived, release, quickB));
             TestGateway gateway = TestGateway.start(Resilience.config("balancing: least-requests", a.url(), b.url()),
                     dir.resolve("plugins"), dir)) {
            CompletableFuture<HttpResponse<String>> held = HttpClient.newHttpClient()
                    .sendAsync(HttpRequest.newBuilder(gateway.uri("/hold")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            boolean aIsBusy = a.requestCount() == 1;

            for (int i = 0; i < 8; i++) {
                assertEquals(200, gateway.get("/quick").statusCode());
            }

            assertEquals(8, aIsBusy ? quickB.get() : quickA.get());
            assertEquals(0, aIsBusy ? quickA.get() : quickB.get());
            release.countDown();
            assertEquals(200, held.get(10, TimeUnit.SECONDS).statusCode());
        } finally {
            release.countDown();
        }
    }

    private static HttpHandler holdOrCount(CountDownLatch arrived, CountDownLatch release, AtomicInteger quick) {
        return exchange -> {
            if (exchange.getRequestURI().getPath().equals("/hold")) {
                arrived.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                quick.incrementAndGet();
            }
            Resilience.reply(exchange, 200, "ok");
        };
    }
}
