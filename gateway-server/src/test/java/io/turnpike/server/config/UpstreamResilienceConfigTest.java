package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The resilience keys of an upstream: their defaults, their binding and their checks. */
class UpstreamResilienceConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/plugins"));

    private UpstreamConfig upstream(String settings) {
        return loader.load(yaml(settings), Path.of("/etc/turnpike")).config().upstreams().get("users");
    }

    private List<String> errorsOf(String settings) {
        return assertThrows(ConfigException.class, () -> loader.load(yaml(settings), Path.of("/etc/turnpike"))).errors();
    }

    private static String yaml(String settings) {
        return "upstreams:\n  users:\n    targets: [{url: \"http://127.0.0.1:9001\"}]\n" + settings.indent(4);
    }

    @Test
    void upstreamWithoutResilienceKeysGetsTheDocumentedDefaults() {
        UpstreamConfig config = upstream("");

        assertEquals(Balancing.ROUND_ROBIN, config.balancing());
        assertTrue(config.circuitBreaker().enabled());
        assertEquals(50, config.circuitBreaker().failureRateThreshold());
        assertEquals(10, config.circuitBreaker().minimumCalls());
        assertEquals(Duration.ofSeconds(30), config.circuitBreaker().openFor());
        assertEquals(List.of(500, 502, 503, 504), config.circuitBreaker().failureStatuses());
        assertEquals(1, config.retries().maxRetries());
        assertFalse(config.retries().onTimeout());
        assertEquals(List.of(), config.retries().onStatuses());
        assertFalse(config.bulkhead().enabled());
        assertTrue(config.healthCheck().activeCheck().isEmpty());
        assertTrue(config.healthCheck().passive().enabled());
        assertEquals(5, config.healthCheck().passive().consecutiveFailures());
    }

    @Test
    void bindsEveryResilienceKey() {
        UpstreamConfig config = upstream("""
                balancing: least-requests
                circuit-breaker: {failure-rate-threshold: 25, open-for: 5s, failure-statuses: [503]}
                retries: {max-retries: 3, backoff: 10ms, max-backoff: 100ms, on-timeout: true, on-statuses: [502]}
                bulkhead: {max-concurrent-requests: 64}
                health-check:
                  active: {path: /ready, interval: 2s, timeout: 1s}
                  passive: {consecutive-failures: 3, ejection-time: 20s}
                """);

        assertEquals(Balancing.LEAST_REQUESTS, config.balancing());
        assertEquals(25, config.circuitBreaker().failureRateThreshold());
        assertEquals(List.of(503), config.circuitBreaker().failureStatuses());
        assertEquals(3, config.retries().maxRetries());
        assertEquals(List.of(502), config.retries().onStatuses());
        assertEquals(64, config.bulkhead().maxConcurrentRequests());
        assertEquals("/ready", config.healthCheck().activeCheck().orElseThrow().path());
        assertEquals(Duration.ofSeconds(20), config.healthCheck().passive().ejectionTime());
    }

    @Test
    void unknownBalancingIsAnErrorListingTheChoices() {
        assertEquals(List.of("upstreams.users.balancing: expected one of round-robin, least-requests, consistent-hash, got \"random\""),
                errorsOf("balancing: random"));
    }

    @Test
    void activeHealthCheckNeedsAPath() {
        assertEquals(List.of("upstreams.users.health-check.active.path: missing; the path to probe on each target, "
                + "such as /health"), errorsOf("health-check: {active: {interval: 5s}}"));
    }

    @Test
    void upstreamsSpeakHttp1UnlessTheyAskForHttp2() {
        assertFalse(upstream("").http2());
        assertTrue(upstream("http2: true").http2());
    }

    @Test
    void anHttp2UpstreamCarriesUpToAHundredStreamsPerConnectionUnlessToldOtherwise() {
        assertEquals(100, upstream("http2: true").streamsPerConnection());
        assertEquals(8, upstream("http2: true\nmax-concurrent-streams: 8").streamsPerConnection());
    }

    @Test
    void maxConcurrentStreamsIsRefusedOutOfRangeOrWithoutHttp2() {
        assertEquals(List.of("upstreams.users.max-concurrent-streams: must be 1 to 10000, was 0"),
                errorsOf("http2: true\nmax-concurrent-streams: 0"));
        assertEquals(List.of("upstreams.users.max-concurrent-streams: applies to an HTTP/2 upstream only; add"
                + " http2: true or leave it out"), errorsOf("max-concurrent-streams: 8"));
    }

    @Test
    void activeHealthChecksAreRefusedWithHttp2AsTheirProbesAreHttp1() {
        assertEquals(List.of("upstreams.users.health-check.active: its probes are HTTP/1.1 GETs, which an HTTP/2-only"
                        + " service such as gRPC's refuses; leave it out with http2 (passive checks still watch every"
                        + " answer)"),
                errorsOf("http2: true\nhealth-check: {active: {path: /h, interval: 5s}}"));
    }

    @Test
    void probeTimeoutLongerThanItsIntervalIsAnError() {
        assertEquals(List.of("upstreams.users.health-check.active.timeout: must not be longer than interval (1000ms), "
                + "got 2000ms"), errorsOf("health-check: {active: {path: /h, interval: 1s, timeout: 2s}}"));
    }

    @Test
    void outOfRangeValuesAreErrorsAtTheirLocations() {
        assertEquals(List.of(
                "upstreams.users.circuit-breaker.failure-rate-threshold: must be 1 to 100, got 0",
                "upstreams.users.circuit-breaker.minimum-calls: must be 1 to 20, got 30",
                "upstreams.users.retries.max-retries: must be 0 to 10, got 11",
                "upstreams.users.retries.on-statuses[1]: must be 500 to 599, got 404",
                "upstreams.users.bulkhead.max-concurrent-requests: must be 1 to 100000, got 0",
                "upstreams.users.health-check.passive.ejection-time: must be more than 0, got 0ms"),
                errorsOf("""
                        circuit-breaker: {failure-rate-threshold: 0, minimum-calls: 30}
                        retries: {max-retries: 11, on-statuses: [503, 404]}
                        bulkhead: {max-concurrent-requests: 0}
                        health-check: {passive: {ejection-time: 0s}}
                        """));
    }

    @Test
    void maxBackoffBelowBackoffIsAnError() {
        assertEquals(List.of("upstreams.users.retries.max-backoff: must be at least backoff (500ms), got 100ms"),
                errorsOf("retries: {backoff: 500ms, max-backoff: 100ms}"));
    }
}
