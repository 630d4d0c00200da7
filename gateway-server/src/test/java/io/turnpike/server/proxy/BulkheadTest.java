package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulkhead: a limit on requests in flight to one upstream, with no queue behind it. */
class BulkheadTest {

    @TempDir
    Path dir;

    @Test
    void requestPastTheLimitIsA503AtOnceAndThePlaceIsFreedAfterwards() throws Exception {
        CountDownLatch arrived = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TestUpstream held = TestUpstream.handling(exchange -> {
                 if (exchange.getRequestURI().getPath().equals("/hold")) {
                     arrived.countDown();
                     try {
                         release.await(30, TimeUnit.SECONDS);
                     } catch (InterruptedException e) {
                         Thread.currentThread().interrupt();
                     }
                 }
                 Resilience.reply(exchange, 200, "done");
             });
             TestGateway gateway = TestGateway.start(Resilience.config("bulkhead: {max-concurrent-requests: 2}", held.url()),
                     dir.resolve("plugins"), dir)) {
            List<CompletableFuture<HttpResponse<String>>> holding = List.of(
                    client.sendAsync(HttpRequest.newBuilder(gateway.uri("/hold")).build(), HttpResponse.BodyHandlers.ofString()),
                    client.sendAsync(HttpRequest.newBuilder(gateway.uri("/hold")).build(), HttpResponse.BodyHandlers.ofString()));
            assertEquals(true, arrived.await(10, TimeUnit.SECONDS), "both held requests reach the upstream");

            HttpResponse<String> third = gateway.get("/quick");

            assertEquals(503, third.statusCode());
            assertEquals("1", third.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(2, held.requestCount(), "the refused request never reached the upstream");
            assertEquals(2, Resilience.upstreams(gateway).path(0).path("bulkhead").path("in-flight").asInt());

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> response : holding) {
                assertEquals(200, response.get(10, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(200, gateway.get("/quick").statusCode());
        } finally {
            release.countDown();
        }
    }
}
