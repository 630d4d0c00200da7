package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.PluginRefConfig;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.plugins.testplugins.GuardPlugin;
import io.turnpike.server.plugins.testplugins.ScriptedPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds chains from plugins loaded from real jars: echo (TRANSFORMATION), guard (AUTHENTICATION), scripted (TRANSFORMATION). */
class ChainFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PluginHost host;
    private ChainFactory factory;
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void loadPlugins() {
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");
        TestPluginJars.plugin("guard-plugin").extensions(GuardPlugin.class).writeTo(dir, "guard.jar");
        TestPluginJars.plugin("scripted-plugin").extensions(ScriptedPlugin.class).writeTo(dir, "scripted.jar");
        host = PluginHost.load(dir);
        factory = new ChainFactory(host, new ConfigBinder());
    }

    @AfterEach
    void closePlugins() {
        host.close();
    }

    @Test
    void reportsAnUnknownPluginNameWithTheNamesThatAreLoaded() {
        factory.build("orders", List.of(ref("foo", "{}")), "routes[2].plugins", errors);

        assertEquals(List.of("routes[2].plugins[0].name: no loaded plugin is named 'foo' (loaded: echo, guard, scripted)"),
                errors);
    }

    @Test
    void reportsAConfigThatDoesNotBindAtTheConfigsLocation() {
        factory.build("orders", List.of(ref("echo", "{\"colour\": \"red\"}")), "routes[2].plugins", errors);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("routes[2].plugins[0].config.colour: unknown key"), errors.get(0));
    }

    @Test
    void reportsValidationErrorsUnderTheConfigsLocation() {
        factory.build("orders", List.of(ref("echo", "{}"),
                        ref("scripted", "{\"errors\": {\"limit\": \"must be > 0\", \"\": \"is contradictory\"}}")),
                "routes[2].plugins", errors);

        assertEquals(List.of("routes[2].plugins[1].config.limit: must be > 0",
                "routes[2].plugins[1].config: is contradictory"), errors);
    }

    @Test
    void reportsAPluginThatThrowsWhileValidatingNamingIt() {
        factory.build("orders", List.of(ref("scripted", "{\"throw-validate\": true}")), "routes[2].plugins", errors);

        assertEquals(List.of("routes[2].plugins[0].config: plugin 'scripted' failed while validating its config "
                + "(java.lang.IllegalStateException: validate was told to throw)"), errors);
    }

    @Test
    void reportsAPluginThatThrowsWhileCreatingItsFilterNamingIt() {
        factory.build("orders", List.of(ref("scripted", "{\"throw-create\": true}")), "routes[2].plugins", errors);

        assertEquals(List.of("routes[2].plugins[0]: plugin 'scripted' failed while creating its filter "
                + "(java.lang.IllegalStateException: create was told to throw)"), errors);
    }

    @Test
    void createsNoFilterUnlessEveryPluginOnTheRouteValidates() {
        factory.build("orders", List.of(ref("scripted", "{\"throw-create\": true}"), ref("guard", "{\"keys\": []}")),
                "routes[2].plugins", errors);

        // Had scripted's filter been created, its failure would be reported too.
        assertEquals(List.of("routes[2].plugins[1].config.keys: must not be empty"), errors);
    }

    @Test
    void refusesTheSamePluginTwiceOnARoute() {
        factory.build("orders", List.of(ref("echo", "{}"), ref("guard", "{\"keys\": [\"k\"]}"), ref("echo", "{}")),
                "routes[2].plugins", errors);

        assertEquals(List.of("routes[2].plugins[2].name: plugin 'echo' is already on this route"), errors);
    }

    @Test
    void runsAnEarlierPhaseFirstWhateverTheListOrder() {
        RouteChain chain = factory.build("orders", List.of(ref("echo", "{}"), ref("guard", "{\"keys\": [\"k\"]}")),
                "routes[2].plugins", errors);
        List<String> trace = new ArrayList<>();

        chain.execute(new TestExchange("req-1", "orders"), get(Headers.of("X-Key", "k")), (exchange, request) -> {
            trace.addAll(request.headers().all("X-Trace"));
            return Response.of(200);
        });

        assertEquals(List.of(), errors);
        assertEquals(List.of("guard", "echo"), chain.pluginNamesInOrder());
        assertEquals(List.of("guard", "echo"), trace);
    }

    @Test
    void keepsTheListOrderWithinAPhase() {
        RouteChain echoFirst = factory.build("a", List.of(ref("echo", "{}"), ref("scripted", "{}")), "routes[0].plugins", errors);
        RouteChain scriptedFirst = factory.build("b", List.of(ref("scripted", "{}"), ref("echo", "{}")), "routes[1].plugins", errors);

        assertEquals(List.of("echo", "scripted"), echoFirst.pluginNamesInOrder());
        assertEquals(List.of("scripted", "echo"), scriptedFirst.pluginNamesInOrder());
    }

    @Test
    void givesEachFilterItsRouteInstanceAndPluginNameAndBoundConfig() {
        RouteChain chain = factory.build("orders", List.of(ref("echo", "{\"tag\": \"blue\"}")), "routes[2].plugins", errors);

        Response response = chain.execute(new TestExchange("req-1", "orders"), get(Headers.empty()),
                (exchange, request) -> Response.of(200));

        assertEquals(Headers.of("X-Echo-Route", "orders", "X-Echo-Instance", "orders", "X-Echo-Plugin", "echo", "X-Echo-Tag", "blue"), response.headers());
    }

    @Test
    void aRouteWithErrorsGetsAChainThatRefusesEveryRequest() {
        RouteChain chain = factory.build("orders", List.of(ref("foo", "{}")), "routes[2].plugins", errors);

        Response response = chain.execute(new TestExchange("req-1", "orders"), get(Headers.empty()), (exchange, request) -> {
            throw new AssertionError("the upstream must not be called");
        });

        assertEquals(500, response.status());
    }

    private static PluginRefConfig ref(String name, String configJson) {
        try {
            return new PluginRefConfig(name, JSON.readTree(configJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(configJson, e);
        }
    }

    private static Request get(Headers headers) {
        return new Request("GET", "/orders", "", headers, Body.empty());
    }
}
