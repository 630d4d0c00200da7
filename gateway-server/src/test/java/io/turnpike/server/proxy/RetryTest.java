package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.server.testkit.Ports;
import io.turnpike.server.testkit.ResettingUpstream;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries: sent again to the other target only when that is safe. The first request of a fresh gateway
 * goes to the first target, so each test puts the misbehaving target first.
 */
class RetryTest {

    @TempDir
    Path dir;

    private TestGateway start(String settings, String... urls) {
        return TestGateway.start(Resilience.config(settings, urls), dir.resolve("plugins"), dir);
    }

    private static HttpResponse<String> post(TestGateway gateway, String body) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.uri("/orders"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void getIsRetriedOnTheOtherTargetAfterAReset() {
        try (ResettingUpstream resetting = ResettingUpstream.start(); TestUpstream ok = TestUpstream.ok();
             TestGateway gateway = start("", resetting.url(), ok.url())) {

            HttpResponse<String> response = gateway.get("/items");

            assertEquals(200, response.statusCode());
            assertEquals(1, resetting.requestCount());
            assertEquals(1, ok.requestCount());
        }
    }

    @Test
    void postIsNotRetriedOnceItWasSent() {
        try (ResettingUpstream resetting = ResettingUpstream.start(); TestUpstream ok = TestUpstream.ok();
             TestGateway gateway = start("", resetting.url(), ok.url())) {

            HttpResponse<String> response = post(gateway, "pay once");

            assertEquals(502, response.statusCode());
            assertEquals(1, resetting.requestCount());
            assertEquals(0, ok.requestCount());
        }
    }

    @Test
    void postWithoutABodyIsNotRetriedOnceItWasSentEither() {
        try (ResettingUpstream resetting = ResettingUpstream.start(); TestUpstream ok = TestUpstream.ok();
             TestGateway gateway = start("", resetting.url(), ok.url())) {

            HttpResponse<String> response = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/orders/7/cancel"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());

            assertEquals(502, response.statusCode());
            assertEquals(1, resetting.requestCount());
            assertEquals(0, ok.requestCount());
        }
    }

    @Test
    void postIsRetriedWithItsWholeBodyWhenTheConnectionWasRefused() {
        try (TestUpstream ok = TestUpstream.ok();
             TestGateway gateway = start("", Ports.refusingUrl(), ok.url())) {

            HttpResponse<String> response = post(gateway, "nothing of this was sent before");

            assertEquals(200, response.statusCode());
            assertEquals("nothing of this was sent before", new String(ok.takeRequest().body()));
        }
    }

    @Test
    void noRetryWhenMaxRetriesIsZero() {
        try (ResettingUpstream resetting = ResettingUpstream.start(); TestUpstream ok = TestUpstream.ok();
             TestGateway gateway = start("retries: {max-retries: 0}", resetting.url(), ok.url())) {

            assertEquals(502, gateway.get("/items").statusCode());
            assertEquals(0, ok.requestCount());
        }
    }

    @Test
    void getIsRetriedAfterAConfiguredStatus() {
        AtomicInteger unavailable = new AtomicInteger(503);
        try (TestUpstream busy = Resilience.answering(unavailable, "busy"); TestUpstream ok = TestUpstream.ok();
             TestGateway gateway = start("retries: {on-statuses: [503]}", busy.url(), ok.url())) {

            HttpResponse<String> response = gateway.get("/items");

            assertEquals(200, response.statusCode());
            assertEquals("hello from upstream", response.body());
            assertEquals(1, busy.requestCount());
        }
    }

    @Test
    void postIsNotRetriedAfterAConfiguredStatus() {
        AtomicInteger unavailable = new AtomicInteger(503);
        try (TestUpstream busy = Resilience.answering(unavailable, "busy"); TestUpstream ok = TestUpstream.ok();
             TestGateway gateway = start("retries: {on-statuses: [503]}", busy.url(), ok.url())) {

            HttpResponse<String> response = post(gateway, "order");

            assertEquals(503, response.statusCode());
            assertEquals("from busy", response.body());
            assertEquals(0, ok.requestCount());
        }
    }

    @Test
    void getThatTimedOutIsRetriedWhenConfigured() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger(200);
        try (TestUpstream silent = TestUpstream.handling(exchange -> {
                 awaitQuietly(release);
                 Resilience.reply(exchange, 200, "too late");
             });
             TestUpstream fine = Resilience.answering(ok, "fine");
             TestGateway gateway = start("read-timeout: 200ms\nretries: {on-timeout: true}", silent.url(), fine.url())) {

            HttpResponse<String> response = gateway.get("/items");

            assertEquals(200, response.statusCode());
            assertEquals("from fine", response.body());
        } finally {
            release.countDown();
        }
    }

    @Test
    void getThatTimedOutIsNotRetriedByDefault() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger(200);
        try (TestUpstream silent = TestUpstream.handling(exchange -> {
                 awaitQuietly(release);
                 Resilience.reply(exchange, 200, "too late");
             });
             TestUpstream fine = Resilience.answering(ok, "fine");
             TestGateway gateway = start("read-timeout: 200ms", silent.url(), fine.url())) {

            assertEquals(504, gateway.get("/items").statusCode());
            assertEquals(0, fine.requestCount());
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
