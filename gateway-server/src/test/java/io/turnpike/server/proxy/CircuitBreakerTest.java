package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The circuit breaker of each target, driven by real calls. Passive ejection and retries are off here,
 * so that what is seen is the breaker's doing alone.
 */
class CircuitBreakerTest {

    private static final String BREAKER = """
            retries: {max-retries: 0}
            health-check: {passive: {enabled: false}}
            circuit-breaker: {sliding-window: 4, minimum-calls: 4, failure-rate-threshold: 50, open-for: %s}
            """;

    @TempDir
    Path dir;

    private TestGateway start(String openFor, String... urls) {
        return TestGateway.start(Resilience.config(BREAKER.formatted(openFor), urls), dir.resolve("plugins"), dir);
    }

    @Test
    void failingTargetGetsNoTrafficOnceItsBreakerOpens() {
        AtomicInteger failing = new AtomicInteger(500);
        AtomicInteger fine = new AtomicInteger(200);
        try (TestUpstream bad = Resilience.answering(failing, "bad"); TestUpstream good = Resilience.answering(fine, "good");
             TestGateway gateway = start("1m", bad.url(), good.url())) {

            for (int i = 0; i < 20; i++) {
                gateway.get("/r");
            }

            assertEquals(4, bad.requestCount(), "the breaker opens after its window of 4 failed calls");
            assertEquals(16, good.requestCount());
            assertEquals("OPEN", Resilience.target(gateway, "backend", 0).path("circuit-breaker").path("state").asText());
            assertEquals("CLOSED", Resilience.target(gateway, "backend", 1).path("circuit-breaker").path("state").asText());
        }
    }

    @Test
    void everyTargetOpenAnswers503WithRetryAfter() {
        AtomicInteger failing = new AtomicInteger(502);
        try (TestUpstream bad = Resilience.answering(failing, "bad"); TestGateway gateway = start("1m", bad.url())) {
            for (int i = 0; i < 4; i++) {
                assertEquals(502, gateway.get("/r").statusCode());
            }

            HttpResponse<String> response = gateway.get("/r");

            assertEquals(503, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After is the time left of open-for: " + retryAfter);
            assertEquals(4, bad.requestCount());
        }
    }

    @Test
    void slowCallsOpenTheBreaker() {
        CountDownLatch never = new CountDownLatch(1);
        try (TestUpstream slow = TestUpstream.handling(exchange -> {
                 // slowness is the behaviour under test: each answer comes after 100ms
                 try {
                     never.await(100, TimeUnit.MILLISECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 Resilience.reply(exchange, 200, "slow");
             });
             TestGateway gateway = TestGateway.start(Resilience.config("""
                     retries: {max-retries: 0}
                     circuit-breaker: {sliding-window: 2, minimum-calls: 2, slow-call-duration: 20ms, slow-call-rate-threshold: 100}
                     """, slow.url()), dir.resolve("plugins"), dir)) {

            assertEquals(200, gateway.get("/r").statusCode());
            assertEquals(200, gateway.get("/r").statusCode());

            assertEquals(503, gateway.get("/r").statusCode());
            assertEquals(2, slow.requestCount());
        }
    }

    @Test
    void trafficReturnsToATargetThatRecovered() {
        AtomicInteger flakyStatus = new AtomicInteger(500);
        AtomicInteger fine = new AtomicInteger(200);
        try (TestUpstream flaky = Resilience.answering(flakyStatus, "flaky");
             TestUpstream good = Resilience.answering(fine, "good");
             TestGateway gateway = start("200ms", flaky.url(), good.url())) {
            Eventually.await("the flaky target's breaker opens", () -> {
                gateway.get("/r");
                return Resilience.target(gateway, "backend", 0).path("circuit-breaker").path("state").asText().equals("OPEN");
            });

            flakyStatus.set(200);
            Eventually.await("the recovered target's breaker closes after its trial calls", () -> {
                gateway.get("/r");
                return Resilience.target(gateway, "backend", 0).path("circuit-breaker").path("state").asText().equals("CLOSED");
            });
            int before = flaky.requestCount();
            for (int i = 0; i < 10; i++) {
                assertEquals(200, gateway.get("/r").statusCode());
            }

            assertEquals(5, flaky.requestCount() - before, "round-robin shares traffic evenly again");
        }
    }
}
