package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.turnpike.server.plugins.TestPluginJars;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.plugins.testplugins.TokenAuthPlugin;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's counter ({@code PluginContext.counter}), exported with the gateway's metrics of each kind. */
class PluginCountersTest {

    private static final String SERIES = "turnpike_plugin_echo_requests_seen_total";
    private static final String ON_ORDERS = "turnpike_route=\"orders\"";

    @TempDir
    Path dir;

    @AutoClose
    private TestUpstream upstream = TestUpstream.ok();
    @AutoClose
    private FakeCollector collector = new FakeCollector();
    @AutoClose
    private TestGateway gateway;

    @BeforeEach
    void buildPluginJar() throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir.resolve("plugins"), "echo.jar");
    }

    private String config(String telemetry) {
        return telemetry + """
                upstreams:
                  orders: {targets: [{url: "%s"}]}
                routes:
                  - id: orders
                    match: {path: /orders/**}
                    upstream: orders
                    plugins: [{name: echo}]
                  - id: stock
                    match: {path: /stock/**}
                    upstream: orders
                    plugins: [{name: echo}]
                """.formatted(upstream.url());
    }

    @Test
    void aPluginsCounterIsScrapedPerRouteAndCountsOnAcrossReloads() {
        gateway = TestGateway.start(config("telemetry: {prometheus: {enabled: true}}\n"), dir.resolve("plugins"), dir);

        for (int i = 0; i < 3; i++) {
            assertEquals(200, gateway.get("/orders/1").statusCode());
        }
        assertEquals(200, gateway.get("/stock/1").statusCode());

        assertEquals(3, gateway.metricSum(SERIES, ON_ORDERS));
        assertEquals(1, gateway.metricSum(SERIES, "turnpike_route=\"stock\""));

        assertEquals(200, gateway.reload().statusCode());
        assertEquals(200, gateway.get("/orders/1").statusCode());
        assertEquals(4, gateway.metricSum(SERIES, ON_ORDERS), "the route's new filter counts in the same series");
    }

    @Test
    void theGatewayCountsTheVerdictsOfEveryAuthenticationPlugin() throws IOException {
        TestPluginJars.plugin("token-plugin").extensions(TokenAuthPlugin.class).writeTo(dir.resolve("plugins"), "token.jar");
        gateway = TestGateway.start("""
                telemetry: {prometheus: {enabled: true}}
                consumers:
                  - {name: alice, credentials: {token: [{value: a-token}]}}
                upstreams:
                  orders: {targets: [{url: "%s"}]}
                routes:
                  - id: orders
                    match: {path: /orders/**}
                    upstream: orders
                    plugins: [{name: token}]
                """.formatted(upstream.url()), dir.resolve("plugins"), dir);

        assertEquals(200, gateway.get("/orders/1", "X-Token", "a-token").statusCode());
        assertEquals(401, gateway.get("/orders/1", "X-Token", "expired").statusCode());
        assertEquals(403, gateway.get("/orders/1", "X-Token", "forbidden").statusCode());
        assertEquals(401, gateway.get("/orders/1").statusCode());

        assertEquals(1, gateway.metricSum("turnpike_plugin_token_credentials_accepted_total", ON_ORDERS));
        assertEquals(2, gateway.metricSum("turnpike_plugin_token_credentials_refused_total", ON_ORDERS),
                "the invalid and the forbidden one; a request without a credential is neither");
    }

    @Test
    void aPluginsCounterIsPushedOverOtlpWithItsRoute() {
        String otlp = """
                telemetry:
                  otlp: {endpoint: "%s", interval: 100ms}
                """.formatted(collector.url());
        gateway = TestGateway.start(config(otlp), dir.resolve("plugins"), dir);

        assertEquals(200, gateway.get("/orders/1").statusCode());

        Eventually.await("a push holding the plugin's counter",
                () -> collector.text("/v1/metrics").contains("turnpike.plugin.echo.requests_seen"));
    }
}
