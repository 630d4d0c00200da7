package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.plugins.testplugins.StandInPlugin;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route may leave out {@code upstream} only when one of its plugins answers in place of one.
 */
class RouteWithoutUpstreamTest {

    @TempDir
    Path dir;

    private Path plugins;
    private TestGateway gateway;

    @BeforeEach
    void buildPluginJars() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(plugins, "echo.jar");
        TestPluginJars.plugin("stand-in-plugin").extensions(StandInPlugin.class).writeTo(plugins, "stand-in.jar");
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private TestGateway start(String pluginsYaml) {
        gateway = TestGateway.start("""
                routes:
                  - id: standing-in
                    match: {path: /**}
                    plugins:
                %s
                """.formatted(pluginsYaml.indent(6)), plugins, dir);
        return gateway;
    }

    @Test
    void aPluginThatAnswersInPlaceOfAnUpstreamServesARouteWithoutOne() {
        start("- name: stand-in\n- name: echo\n");

        HttpResponse<String> answer = gateway.get("/answered/7");

        assertEquals(200, answer.statusCode());
        assertEquals("answered by stand-in", answer.body());
    }

    @Test
    void whatSuchAPluginPassesOnIsAnswered404NamingTheRoute() {
        start("- name: stand-in\n");

        HttpResponse<String> answer = gateway.get("/elsewhere");

        assertEquals(404, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(answer.body().contains("Nothing on route 'standing-in' answers GET /elsewhere."), answer.body());
    }

    @Test
    void withoutSuchAPluginTheMissingUpstreamIsAConfigErrorNamingThePluginsThatCould() {
        ConfigException error = assertThrows(ConfigException.class, () -> start("- name: echo\n"));

        assertTrue(error.getMessage().contains("routes[0].upstream: missing; name one of the upstreams, or add a plugin"
                + " that answers in place of one (stand-in)"), error.getMessage());
    }
}
