package io.turnpike.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.plugins.TestPluginJars;
import io.turnpike.server.plugins.testplugins.CounterClashPlugin;
import io.turnpike.server.plugins.testplugins.CounterPlugin;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins' admin endpoints, mounted on the real admin listener from real plugin jars.
 */
class PluginAdminEndpointsTest {

    @TempDir
    Path dir;

    private Path plugins;
    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("counter-plugin").extensions(CounterPlugin.class).writeTo(plugins, "counter.jar");
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private void start() {
        gateway = TestGateway.start("""
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: counted
                    match: {path: /**}
                    upstream: backend
                    plugins:
                      - name: counter
                """.formatted(upstream.url()), plugins, dir);
    }

    private HttpResponse<String> admin(String method, String path) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.adminUri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void aPluginEndpointAnswersOnTheAdminPortWithItsPathParameter() {
        start();
        gateway.get("/a");
        gateway.get("/b");

        HttpResponse<String> response = admin("GET", "/counts/counted");

        assertEquals(200, response.statusCode());
        assertEquals("{\"count\": 2}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void eachEndpointAnswersOnlyItsOwnMethod() {
        start();
        gateway.get("/a");

        assertEquals(200, admin("DELETE", "/counts").statusCode());
        assertEquals("{\"count\": 0}", admin("GET", "/counts/counted").body());
        assertEquals(404, admin("GET", "/counts").statusCode());
    }

    @Test
    void aProblemThrownByTheEndpointIsAProblemAnswer() {
        start();

        HttpResponse<String> response = admin("GET", "/counts/no-such-route");

        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("No such route."), response.body());
    }

    @Test
    void theGatewaysOwnEndpointsStillAnswer() {
        start();

        assertEquals(200, admin("GET", "/health").statusCode());
        assertEquals(200, admin("GET", "/routes").statusCode());
    }

    @Test
    void twoPluginsWhoseEndpointsOverlapStopTheStartNamingBoth() {
        TestPluginJars.plugin("counter-clash-plugin").extensions(CounterClashPlugin.class)
                .writeTo(plugins, "counter-clash.jar");

        ConfigException error = assertThrows(ConfigException.class, this::start);

        assertTrue(error.getMessage().contains("plugin 'counter-clash' declares admin endpoint GET /counts/total, "
                + "which overlaps GET /counts/{route-id} of plugin 'counter'"), error.getMessage());
    }

    @Test
    void patternsOverlapOnlyWhenSomePathMatchesBoth() {
        assertTrue(PluginAdminEndpoints.overlap("GET", "/a/{x}", "GET", "/a/b"));
        assertTrue(PluginAdminEndpoints.overlap("GET", "/a/{x}", "GET", "/a/{y}"));
        assertFalse(PluginAdminEndpoints.overlap("GET", "/a/{x}", "DELETE", "/a/{x}"));
        assertFalse(PluginAdminEndpoints.overlap("GET", "/a/{x}", "GET", "/a"));
        assertFalse(PluginAdminEndpoints.overlap("GET", "/a/b", "GET", "/a/c"));
    }

    @Test
    void aPluginMayNotShadowTheGatewaysOwnEndpoints() {
        assertTrue(PluginAdminEndpoints.CORE.stream().anyMatch(core -> core.equals("GET /health")));
        assertTrue(PluginAdminEndpoints.overlap("GET", "/{anything}", "GET", "/health"));
    }
}
