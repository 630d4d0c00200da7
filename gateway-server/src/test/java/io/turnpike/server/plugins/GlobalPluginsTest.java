package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.turnpike.api.PluginContext;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.plugins.testplugins.GuardPlugin;
import io.turnpike.server.plugins.testplugins.StandInPlugin;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugins.global} in the real server, with plugin jars loaded by PF4J: plugins every route runs, which a
 * route replaces with its own entry or turns off.
 */
class GlobalPluginsTest {

    @TempDir
    Path dir;

    private Path plugins;
    @AutoClose
    private final TestUpstream upstream = TestUpstream.ok();
    @AutoClose
    private TestGateway gateway;

    @BeforeEach
    void buildPluginJars() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(plugins, "echo.jar");
        TestPluginJars.plugin("guard-plugin").extensions(GuardPlugin.class).writeTo(plugins, "guard.jar");
        TestPluginJars.plugin("stand-in-plugin").extensions(StandInPlugin.class).writeTo(plugins, "stand-in.jar");
    }

    private TestGateway start(String globals, String routes) {
        gateway = TestGateway.start(yaml(globals, routes), plugins, dir);
        return gateway;
    }

    private String yaml(String globals, String routes) {
        return """
                plugins:
                  global:
                %s
                upstreams:
                  backend: {targets: [{url: "%s"}]}
                routes:
                %s""".formatted(globals.indent(4), upstream.url(), routes.indent(2));
    }

    private List<String> errorsOf(String globals, String routes) {
        return assertThrows(ConfigException.class, () -> start(globals, routes)).errors();
    }

    @Test
    void aRouteWithoutPluginsRunsTheGlobalOnes() {
        start("""
                - name: echo
                  config: {tag: everywhere}
                - name: guard
                  config: {keys: [k1]}""", """
                - {id: plain, match: {path: /**}, upstream: backend}""");

        assertEquals(401, gateway.get("/orders").statusCode(), "the global guard refuses a request without a key");
        HttpResponse<String> allowed = gateway.get("/orders", "X-Key", "k1");
        assertEquals(200, allowed.statusCode());
        assertEquals("everywhere", allowed.headers().firstValue("X-Echo-Tag").orElseThrow());
        assertEquals("plain", allowed.headers().firstValue("X-Echo-Route").orElseThrow(),
                "a filter of the route's own");
        assertEquals(PluginContext.GLOBAL, allowed.headers().firstValue("X-Echo-Instance").orElseThrow());
        assertEquals(List.of("guard", "echo"), upstream.takeRequest().headerValues("X-Trace"), "in phase order");
        assertTrue(gateway.adminGet("/routes").body().contains("\"plugins\":[\"guard\",\"echo\"]"),
                "the admin port lists what the route runs");
    }

    @Test
    void aRoutesOwnEntryReplacesTheGlobalOneAndDisabledTurnsItOff() {
        start("""
                - name: echo
                  config: {tag: everywhere}
                - name: guard
                  config: {keys: [k1]}""", """
                - id: own-echo
                  match: {path: /own/**}
                  upstream: backend
                  plugins: [{name: echo, config: {tag: mine}}]
                - id: open
                  match: {path: /open/**}
                  upstream: backend
                  plugins: [{name: guard, enabled: false}]""");

        HttpResponse<String> own = gateway.get("/own/x", "X-Key", "k1");
        assertEquals(List.of("mine"), own.headers().allValues("X-Echo-Tag"), "one echo, the route's");
        assertEquals("own-echo", own.headers().firstValue("X-Echo-Instance").orElseThrow());
        assertEquals(200, gateway.get("/open/x").statusCode(), "no guard on this route");
        assertEquals(401, gateway.get("/own/x").statusCode(), "the global guard still guards the other route");
    }

    @Test
    void aGlobalPluginsConfigErrorIsReportedOnceAtItsOwnLocation() {
        List<String> errors = errorsOf("""
                - name: echo
                  config: {colour: red}""", """
                - {id: a, match: {path: /a/**}, upstream: backend}
                - {id: b, match: {path: /b/**}, upstream: backend}""");

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.getFirst().startsWith("plugins.global[0].config.colour: unknown key"), errors.getFirst());
    }

    @Test
    void globalEntriesAreCheckedLikeARoutesList() {
        assertEquals(List.of("plugins.global[1].name: no loaded plugin is named 'nope' (loaded: echo, guard,"
                        + " stand-in)",
                        "plugins.global[2].name: plugin 'echo' is already in plugins.global"),
                errorsOf("- {name: echo}\n- {name: nope}\n- {name: echo}",
                        "- {id: a, match: {path: /**}, upstream: backend}"));
    }

    @Test
    void aGlobalPluginThatAnswersInPlaceOfAnUpstreamLetsRoutesLeaveTheirsOut() {
        start("- {name: stand-in}", """
                - {id: answered, match: {path: /answered/**}}
                - {id: proxied, match: {path: /**}, upstream: backend}""");

        assertEquals("answered by stand-in", gateway.get("/answered/x").body());
        assertEquals(200, gateway.get("/other").statusCode(), "passed on to the route's upstream");
        assertEquals(1, upstream.requestCount());
    }

    @Test
    void aRouteThatTurnsOffTheGlobalStandInNeedsAnUpstreamOfItsOwn() {
        List<String> errors = errorsOf("- {name: stand-in}",
                "- {id: a, match: {path: /**}, plugins: [{name: stand-in, enabled: false}]}");

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.getFirst().startsWith("routes[0].upstream: missing"), errors.getFirst());
    }

    @Test
    void aDisabledEntryMustStillNameALoadedPlugin() {
        assertEquals(List.of("routes[0].plugins[0].name: no loaded plugin is named 'gaurd' (loaded: echo, guard,"
                        + " stand-in)"),
                errorsOf("- {name: guard, config: {keys: [k1]}}",
                        "- {id: a, match: {path: /**}, upstream: backend, plugins: [{name: gaurd, enabled: false}]}"));
    }

    @Test
    void aReloadAppliesTheGlobalPluginsOfTheFile() throws Exception {
        start("- {name: echo, config: {tag: before}}", "- {id: plain, match: {path: /**}, upstream: backend}");
        assertEquals("before", gateway.get("/orders").headers().firstValue("X-Echo-Tag").orElseThrow());

        Files.writeString(dir.resolve("gateway.yaml"), yaml("- {name: echo, config: {tag: after}}",
                "- {id: plain, match: {path: /**}, upstream: backend}"));
        HttpResponse<String> reload = gateway.reload();

        assertEquals(200, reload.statusCode(), reload.body());
        assertFalse(reload.body().contains("plugins"), "no restart needed for them: " + reload.body());
        assertEquals("after", gateway.get("/orders").headers().firstValue("X-Echo-Tag").orElseThrow());
    }
}
