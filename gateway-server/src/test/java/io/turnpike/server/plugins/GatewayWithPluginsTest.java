package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.plugins.testplugins.FaultyPlugin;
import io.turnpike.server.plugins.testplugins.GuardPlugin;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin chains in the real server, with plugin jars loaded by PF4J from the plugins folder.
 */
class GatewayWithPluginsTest {

    @TempDir
    Path dir;

    private Path plugins;
    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void buildPluginJars() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(plugins, "echo.jar");
        TestPluginJars.plugin("guard-plugin").extensions(GuardPlugin.class).writeTo(plugins, "guard.jar");
        TestPluginJars.plugin("faulty-plugin").extensions(FaultyPlugin.class).writeTo(plugins, "faulty.jar");
        TestPluginJars.corrupt(plugins, "broken.jar");
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private TestGateway start(String pluginsYaml) {
        gateway = TestGateway.start("""
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: guarded
                    match: {path: /**}
                    upstream: backend
                    plugins:
                %s
                """.formatted(upstream.url(), pluginsYaml.indent(6)), plugins, dir);
        return gateway;
    }

    @Test
    void pluginsRunInPhaseOrderWhateverTheListOrder() {
        start("""
                - name: echo
                - name: guard
                  config: {keys: [k1]}
                """);

        assertEquals(200, gateway.get("/x", "X-Key", "k1").statusCode());

        assertEquals(List.of("guard", "echo"), upstream.takeRequest().headerValues("X-Trace"));
    }

    @Test
    void aPluginsRefusalIsAProblemAnswerAndNeverReachesTheUpstream() {
        start("""
                - name: guard
                  config: {keys: [k1]}
                """);

        HttpResponse<String> response = gateway.get("/x", "X-Key", "wrong");

        assertEquals(401, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("A valid X-Key header is required."), response.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aPluginThatThrowsGivesA500AndTheGatewayKeepsServing() {
        start("""
                - name: faulty
                """);

        HttpResponse<String> broken = gateway.get("/x", "X-Break", "1");
        HttpResponse<String> next = gateway.get("/x");

        assertEquals(500, broken.statusCode());
        assertFalse(broken.body().contains("a bug in the faulty plugin"), broken.body());
        assertEquals(200, next.statusCode());
    }

    @Test
    void aCorruptJarBesideTheOthersDoesNotStopThemLoading() {
        start("""
                - name: echo
                """);

        assertEquals(200, gateway.get("/x").statusCode());
        assertEquals(List.of("echo"), upstream.takeRequest().headerValues("X-Trace"));
    }

    @Test
    void aRouteNamingAnUnloadedPluginIsAConfigErrorNamingIt() {
        ConfigException error = assertThrows(ConfigException.class, () -> start("""
                - name: echo
                - name: no-such-plugin
                """));

        assertTrue(error.getMessage().contains("routes[0].plugins[1].name: no loaded plugin is named 'no-such-plugin'"),
                error.getMessage());
    }

    @Test
    void everyPluginConfigErrorIsReportedAtOnceWithItsLocation() {
        ConfigException error = assertThrows(ConfigException.class, () -> start("""
                - name: guard
                  config: {keys: []}
                - name: echo
                  config: {no-such-key: 1}
                """));

        assertTrue(error.errors().contains("routes[0].plugins[0].config.keys: must not be empty"), error.errors().toString());
        assertTrue(error.errors().stream().anyMatch(e -> e.startsWith("routes[0].plugins[1].config.no-such-key: unknown key")),
                error.errors().toString());
    }
}
