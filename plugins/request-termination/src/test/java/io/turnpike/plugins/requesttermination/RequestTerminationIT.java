package io.turnpike.plugins.requesttermination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/request-termination.md through the real gateway with the packaged jar, in front of a
 * real upstream that must never be called: the assertions are the page's prose.
 */
class RequestTerminationIT {

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream upstream = TestUpstream.ok();
    @AutoClose
    private TestGateway gateway;

    private void start(String yaml) {
        gateway = TestGateway.start(yaml.replace("http://127.0.0.1:9001", upstream.url()),
                PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()), dir);
    }

    private void startTheExample() {
        start("telemetry: {prometheus: {enabled: true}}\n"
                + DocExamples.firstYamlBlock("plugins/request-termination.md"));
    }

    @Test
    void theMaintenanceWindowIsAProblemWithRetryAfterAndTheUpstreamIsNotCalled() {
        startTheExample();

        HttpResponse<String> response = gateway.get("/orders/7");

        assertEquals(503, response.statusCode());
        assertEquals("3600", response.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().startsWith("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"Orders are closed for maintenance until 14:00 UTC.\",\"instance\":\"urn:request:"),
                response.body());
        assertEquals(0, upstream.requestCount());
        assertEquals(1, gateway.metricSum("turnpike_plugin_request_termination_terminated_total",
                "turnpike_route=\"orders\""));
    }

    @Test
    void theRetiredApiRedirectsWithoutABody() {
        startTheExample();

        HttpResponse<String> response = gateway.get("/v1/users");

        assertEquals(301, response.statusCode());
        assertEquals("https://api.example.com/v2/", response.headers().firstValue("Location").orElseThrow());
        assertEquals("", response.body());
    }

    @Test
    void theMockAnswersOnlyRequestsCarryingItsTrigger() {
        startTheExample();
        String mock = "{\"id\": \"pay_123\", \"status\": \"authorized\"}";

        HttpResponse<String> byHeader = gateway.post("/payments", "{}".getBytes(StandardCharsets.UTF_8), "X-Mock", "1");
        HttpResponse<String> byQuery = gateway.get("/payments/pay_123?X-Mock");
        HttpResponse<String> without = gateway.get("/payments/pay_123");

        assertEquals(200, byHeader.statusCode());
        assertEquals("application/json", byHeader.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(mock, byHeader.body());
        assertEquals(mock, byQuery.body());
        assertEquals(404, without.statusCode(), "passed on, on a route without an upstream");
    }

    @Test
    void aGlobalEntryPutsEveryRouteInMaintenance() {
        start("""
                plugins:
                  global:
                    - name: request-termination
                      config: {message: "Back at 14:00 UTC."}
                upstreams:
                  api: {targets: [{url: "http://127.0.0.1:9001"}]}
                routes:
                  - {id: orders, match: {path: /orders/**}, upstream: api}
                  - {id: users, match: {path: /users/**}, upstream: api}
                """);

        assertEquals(503, gateway.get("/orders/1").statusCode());
        assertEquals(503, gateway.get("/users/1").statusCode());
        assertEquals(0, upstream.requestCount());
    }
}
