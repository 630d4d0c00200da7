package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.OrdersRoute;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request metrics pushed over OTLP/HTTP to a collector on loopback. The pushes are protobuf; metric names,
 * attribute values and the service name travel in them as plain UTF-8, which is what is checked here.
 */
class MetricsExportTest {

    @TempDir
    Path dir;

    private FakeCollector collector;
    private TestUpstream upstream;

    @BeforeEach
    void start() {
        collector = new FakeCollector();
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        collector.close();
        upstream.close();
    }

    /** The example of docs/configuration.md, pointed at the loopback collector and pushing every 100 ms. */
    private String config() {
        return DocExamples.yamlBlockContaining("configuration.md", "otlp:")
                .replace("http://otel-collector:4318", collector.url())
                .replace("interval: 30s", "interval: 100ms")
                .replace("${OTLP_TOKEN}", "t0ken") + OrdersRoute.yaml(upstream.url());
    }

    private String everythingPushed() {
        return collector.text("/v1/metrics");
    }

    @Test
    void requestDurationsArePushedWithTheirRouteTargetAndServiceName() {
        try (TestGateway gateway = TestGateway.start(config(), dir.resolve("plugins"), dir)) {
            assertEquals(200, gateway.get("/orders/1").statusCode());
            assertEquals(404, gateway.get("/nowhere").statusCode());

            Eventually.await("a push holding the upstream duration", () ->
                    everythingPushed().contains("turnpike.upstream.request.duration"));
        }
        String pushed = everythingPushed();
        assertTrue(pushed.contains("http.server.request.duration"), "the request histogram");
        assertTrue(pushed.contains("http.server.active_requests"), "the count of requests under way");
        assertTrue(pushed.contains("turnpike.route") && pushed.contains("orders"), "the route's id");
        assertTrue(pushed.contains(upstream.url()), "the target that answered");
        assertTrue(pushed.contains("shop-gateway"), "the configured service.name");
        assertTrue(pushed.contains("turnpike.upstream.target.available"), "whether each target takes requests");
        assertTrue(pushed.contains("turnpike.upstream.target.circuit_breaker.state"), "each target's breaker");
        assertTrue(pushed.contains("half_open"), "a series for each state of the breaker");
        RecordedRequest push = collector.pushesTo("/v1/metrics").getFirst();
        assertEquals("POST", push.method());
        assertEquals("/v1/metrics", push.rawPath());
        assertEquals("application/x-protobuf", push.header("Content-Type"));
        assertEquals("Bearer t0ken", push.header("Authorization"), "the configured headers go with every push");
    }

    @Test
    void methodsOutsideTheStandardOnesAreCountedAsOtherSoClientsCannotAddSeries() throws Exception {
        try (TestGateway gateway = TestGateway.start(config(), dir.resolve("plugins"), dir)) {
            TestGateway.send(HttpRequest.newBuilder(URI.create(gateway.uri("/orders/1").toString()))
                    .method("BREW", HttpRequest.BodyPublishers.noBody()).build());

            Eventually.await("a push holding the request", () -> everythingPushed().contains("_OTHER"));
        }
        assertFalse(everythingPushed().contains("BREW"));
    }

    @Test
    void closingTheGatewayPushesWhatWasCountedSinceTheLastPush() {
        String slow = config().replace("interval: 100ms", "interval: 1h");
        try (TestGateway gateway = TestGateway.start(slow, dir.resolve("plugins"), dir)) {
            assertEquals(200, gateway.get("/orders/1").statusCode());
            assertTrue(collector.pushesTo("/v1/metrics").isEmpty(), "nothing pushed before the hour is up");
        }
        assertTrue(everythingPushed().contains("http.server.request.duration"));
    }
}
