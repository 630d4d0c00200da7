package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Active probes and passive ejection take targets out of the rotation, and bring them back. */
class HealthCheckTest {

    @TempDir
    Path dir;

    @Test
    void targetFailingItsProbeLeavesTheRotationAndComesBackWhenHealthy() {
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger served = new AtomicInteger();
        AtomicInteger fine = new AtomicInteger(200);
        try (TestUpstream probed = TestUpstream.handling(exchange -> {
                 if (exchange.getRequestURI().getPath().equals("/health")) {
                     Resilience.reply(exchange, up.get() ? 200 : 503, "");
                 } else {
                     served.incrementAndGet();
                     Resilience.reply(exchange, 200, "probed");
                 }
             });
             TestUpstream other = Resilience.answering(fine, "other");
             TestGateway gateway = TestGateway.start(Resilience.config("""
                     health-check:
                       active: {path: /health, interval: 200ms, timeout: 200ms, healthy-threshold: 2, unhealthy-threshold: 2}
                     """, probed.url(), other.url()), dir.resolve("plugins"), dir)) {
            Eventually.await("the probe marks the target unhealthy", () ->
                    Resilience.target(gateway, "backend", 0).path("health").path("active").asText().equals("UNHEALTHY"));

            for (int i = 0; i < 6; i++) {
                assertEquals(200, gateway.get("/r").statusCode());
            }
            assertEquals(0, served.get(), "an unhealthy target gets no requests");

            up.set(true);
            Eventually.await("two good probes bring the target back", () ->
                    Resilience.target(gateway, "backend", 0).path("health").path("active").asText().equals("HEALTHY"));
            for (int i = 0; i < 6; i++) {
                assertEquals(200, gateway.get("/r").statusCode());
            }
            assertTrue(served.get() > 0, "a healthy target gets traffic again");
        }
    }

    @Test
    void everyTargetUnhealthyAnswers503WithRetryAfter() {
        try (TestUpstream down = TestUpstream.replying(request -> TestUpstream.Reply.text(503, "down"));
             TestGateway gateway = TestGateway.start(Resilience.config("""
                     health-check:
                       active: {path: /health, interval: 100ms, timeout: 100ms, unhealthy-threshold: 1}
                     """, down.url()), dir.resolve("plugins"), dir)) {
            Eventually.await("the probe marks the target unhealthy", () ->
                    !Resilience.target(gateway, "backend", 0).path("available").asBoolean());

            var response = gateway.get("/r");

            assertEquals(503, response.statusCode());
            assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
        }
    }

    @Test
    void targetFailingRequestsInARowIsEjected() {
        AtomicInteger failing = new AtomicInteger(503);
        AtomicInteger fine = new AtomicInteger(200);
        try (TestUpstream bad = Resilience.answering(failing, "bad"); TestUpstream good = Resilience.answering(fine, "good");
             TestGateway gateway = TestGateway.start(Resilience.config("""
                     retries: {max-retries: 0}
                     circuit-breaker: {enabled: false}
                     health-check: {passive: {consecutive-failures: 2, ejection-time: 1m}}
                     """, bad.url(), good.url()), dir.resolve("plugins"), dir)) {

            for (int i = 0; i < 10; i++) {
                gateway.get("/r");
            }

            assertEquals(2, bad.requestCount());
            assertEquals("EJECTED", Resilience.target(gateway, "backend", 0).path("health").path("passive").asText());
            assertEquals("DISABLED", Resilience.target(gateway, "backend", 0).path("circuit-breaker").path("state").asText());
        }
    }

    @Test
    void probesStopWhenTheGatewayStops() {
        AtomicInteger probes = new AtomicInteger();
        try (TestUpstream probed = TestUpstream.handling(exchange -> {
            probes.incrementAndGet();
            Resilience.reply(exchange, 200, "");
        })) {
            TestGateway gateway = TestGateway.start(Resilience.config("""
                    health-check:
                      active: {path: /health, interval: 50ms, timeout: 50ms}
                    """, probed.url()), dir.resolve("plugins"), dir);
            Eventually.await("probing has begun", () -> probes.get() >= 2);

            gateway.close();
            int afterClose = probes.get();
            // three intervals: time enough for a running schedule to probe again
            Eventually.await("three intervals pass", waitFor(150));

            assertEquals(afterClose, probes.get());
        }
    }

    private static java.util.function.BooleanSupplier waitFor(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        return () -> System.nanoTime() >= until;
    }
}
