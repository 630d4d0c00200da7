package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.HeldRequests;
import io.turnpike.server.testkit.OrdersRoute;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry.prometheus}: the admin port's {@code GET /metrics}, scraped as Prometheus would. */
class PrometheusMetricsTest {

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private void startGateway(String telemetry) {
        gateway = TestGateway.start(telemetry + OrdersRoute.yaml(upstream.url()), dir.resolve("plugins"), dir);
    }

    private HttpResponse<String> scrape() {
        return gateway.adminGet("/metrics");
    }

    /**
     * Scrapes until every line is there: a request is counted just after its answer is sent, so the client can
     * be done before the count is.
     */
    private String scrapedWith(String... lines) {
        return Eventually.value("a scrape with " + List.of(lines), () -> scrape().body(),
                text -> Arrays.stream(lines).allMatch(text::contains));
    }

    @Test
    void requestsAreCountedPerMethodStatusAndRouteAndUpstreamCallsPerTarget() {
        startGateway("telemetry: {prometheus: {enabled: true}}\n");
        assertEquals(200, gateway.get("/orders/1").statusCode());
        assertEquals(200, gateway.get("/orders/2").statusCode());
        assertEquals(404, gateway.get("/nowhere").statusCode());

        scrapedWith(
                "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                        + "http_response_status_code=\"200\",rpc_grpc_status_code=\"\",turnpike_route=\"orders\"} 2",
                "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                        + "http_response_status_code=\"404\",rpc_grpc_status_code=\"\",turnpike_route=\"\"} 1",
                "turnpike_upstream_request_duration_seconds_count{http_request_method=\"GET\","
                        + "http_response_status_code=\"200\",rpc_grpc_status_code=\"\",turnpike_route=\"orders\","
                        + "turnpike_upstream_target=\"" + upstream.url() + "\"} 2",
                "http_server_request_duration_seconds_bucket{http_request_method=\"GET\","
                        + "http_response_status_code=\"200\",rpc_grpc_status_code=\"\",turnpike_route=\"orders\","
                        + "le=\"10.0\"} 2");
        HttpResponse<String> scraped = scrape();
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void eachTargetShowsWhetherItTakesRequestsAndTheStateOfItsBreaker() {
        try (TestUpstream failing = TestUpstream.replying(request -> TestUpstream.Reply.text(500, "down"))) {
            gateway = TestGateway.start("""
                    telemetry: {prometheus: {enabled: true}}
                    upstreams:
                      backend:
                        targets: [{url: %s}, {url: %s}]
                        retries: {max-retries: 0}
                        health-check: {passive: {enabled: false}}
                        circuit-breaker: {sliding-window: 4, minimum-calls: 4, failure-rate-threshold: 50, open-for: 1m}
                    routes:
                      - {id: all, match: {path: /**}, upstream: backend}
                    """.formatted(failing.url(), upstream.url()), dir.resolve("plugins"), dir);
            String bad = ",turnpike_upstream_target=\"" + failing.url() + "\"}";
            String good = ",turnpike_upstream_target=\"" + upstream.url() + "\"}";
            String backend = "turnpike_upstream=\"backend\",turnpike_upstream_address=\"\"";
            scrapedWith("turnpike_upstream_target_available{" + backend + bad + " 1.0",
                    "turnpike_upstream_target_circuit_breaker_state{state=\"closed\"," + backend + bad + " 1.0");

            for (int i = 0; i < 8; i++) {
                gateway.get("/r");
            }

            scrapedWith("turnpike_upstream_target_available{" + backend + bad + " 0.0",
                    "turnpike_upstream_target_available{" + backend + good + " 1.0",
                    "turnpike_upstream_target_circuit_breaker_state{state=\"open\"," + backend + bad + " 1.0",
                    "turnpike_upstream_target_circuit_breaker_state{state=\"closed\"," + backend + bad + " 0.0",
                    "turnpike_upstream_target_circuit_breaker_state{state=\"closed\"," + backend + good + " 1.0");
        }
    }

    @Test
    void theRequestsUnderWayAreAGauge() throws Exception {
        HeldRequests held = new HeldRequests("/orders/1");
        upstream.close();
        upstream = TestUpstream.handling(held);
        startGateway("telemetry: {prometheus: {enabled: true}}\n");
        scrapedWith("http_server_active_requests 0.0");
        Thread client = Thread.ofVirtual().start(() -> gateway.get("/orders/1"));
        assertTrue(held.awaitArrival(Duration.ofSeconds(10)));

        scrapedWith("http_server_active_requests 1.0");
        held.close();
        assertTrue(client.join(Duration.ofSeconds(10)));
        scrapedWith("http_server_active_requests 0.0");
    }

    @Test
    void aMethodOutsideTheStandardNineIsCountedAsOtherSoClientsCannotAddSeries() {
        startGateway("telemetry: {prometheus: {enabled: true}}\n");
        HttpResponse<String> brewed = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/orders/1"))
                .method("BREW", HttpRequest.BodyPublishers.noBody()).build());

        String text = scrapedWith("http_request_method=\"_OTHER\",http_response_status_code=\""
                + brewed.statusCode() + "\"");

        assertTrue(!text.contains("BREW"), text);
    }

    @Test
    void theJvmsOwnMetricsAreServedBeside() {
        startGateway("telemetry: {prometheus: {enabled: true}}\n");

        String text = scrape().body();

        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), text);
        assertTrue(text.contains("jvm_threads_current"), text);
    }

    @Test
    void whenOffTheEndpointSaysHowToTurnItOn() {
        startGateway("");

        HttpResponse<String> scraped = scrape();

        assertEquals(404, scraped.statusCode());
        assertEquals("application/problem+json", scraped.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(scraped.body().contains("telemetry.prometheus.enabled"), scraped.body());
    }
}
