package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.turnpike.api.Body;
import io.turnpike.api.Consumer;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.config.ConfigBinder;
import io.turnpike.server.config.ConfigLoader;
import io.turnpike.server.config.GatewayConfig;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.plugins.testplugins.TokenAuthPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers bound with their plugins, and a route's authentication plugins folded into one step, with a
 * test authentication plugin ({@code token}, two instances under different headers) from a real jar.
 */
class AuthenticationStepTest {

    private static final String BASE = """
            upstreams:
              u: {targets: [{url: "http://127.0.0.1:9001"}]}
            consumers:
              - name: alice
                groups: [gold, staff]
                credentials:
                  token: [{value: a-token}]
              - name: guest
            """;

    @TempDir
    Path dir;

    private PluginHost host;
    private ChainFactory factory;
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void loadPlugins() {
        TestPluginJars.plugin("token-plugin").extensions(TokenAuthPlugin.class).writeTo(dir, "token.jar");
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir, "echo.jar");
        host = PluginHost.load(dir);
        factory = new ChainFactory(host, new ConfigBinder());
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void aRecognisedCredentialSetsTheConsumerAndTheUpstreamHeaders() {
        TestExchange exchange = new TestExchange("r1", "orders");
        List<Request> upstream = new ArrayList<>();

        Response response = chain(BASE, "plugins: [{name: token}]").execute(exchange, get("X-Token", "a-token"),
                (e, request) -> {
                    upstream.add(request);
                    return Response.of(200);
                });

        assertEquals(200, response.status());
        assertEquals(Optional.of(new Consumer("alice", Set.of("gold", "staff"))), exchange.consumer());
        assertFalse(exchange.guest());
        assertEquals(Optional.of("alice"), upstream.getFirst().headers().first("X-Consumer-Name"));
        assertEquals(Optional.of("gold,staff"), upstream.getFirst().headers().first("X-Consumer-Groups"));
        assertFalse(upstream.getFirst().headers().contains("X-Token"));
    }

    @Test
    void noCredentialIs401WithTheChallengeAndTheMissingDetail() {
        Response response = run(chain(BASE, "plugins: [{name: token}]"), get());

        assertEquals(401, response.status());
        assertEquals(List.of("Token header=\"X-Token\""), response.headers().all("WWW-Authenticate"));
        assertTrue(body(response).contains(AuthenticationStep.MISSING), body(response));
    }

    @Test
    void aWrongCredentialIs401SayingOnlyInvalid() {
        Response response = run(chain(BASE, "plugins: [{name: token}]"), get("X-Token", "guess"));

        assertEquals(401, response.status());
        assertTrue(body(response).contains(AuthenticationStep.INVALID), body(response));
    }

    @Test
    void aForbiddenResultIs403WithItsDetail() {
        Response response = run(chain(BASE, "plugins: [{name: token}]"), get("X-Token", "forbidden"));

        assertEquals(403, response.status());
        assertTrue(body(response).contains("Not with this token."), body(response));
    }

    @Test
    void aForbiddenResultWithoutAChallengeSendsNone() {
        Response response = run(chain(BASE, "plugins: [{name: token}]"), get("X-Token", "forbidden"));

        assertEquals(List.of(), response.headers().all("WWW-Authenticate"));
    }

    @Test
    void aForbiddenResultsChallengeGoesOnThe403() {
        Response response = run(chain(BASE, "plugins: [{name: token}]"), get("X-Token", "forbidden-saying-why"));

        assertEquals(403, response.status());
        assertEquals(List.of("Token error=\"too_little\""), response.headers().all("WWW-Authenticate"));
        assertTrue(body(response).contains("Not with this token."), body(response));
    }

    @Test
    void anInvalidResultsChallengeReplacesThePluginsUsualOneOnThe401() {
        Response response = run(chain(BASE, "plugins: [{name: token}]"), get("X-Token", "expired"));

        assertEquals(401, response.status());
        assertEquals(List.of("Token error=\"expired\""), response.headers().all("WWW-Authenticate"));
        assertTrue(body(response).contains(AuthenticationStep.INVALID), body(response));
    }

    @Test
    void anInvalidResultWithoutAChallengeKeepsThePluginsUsualOne() {
        Response response = run(chain(BASE, "plugins: [{name: token}]"), get("X-Token", "guess"));

        assertEquals(List.of("Token header=\"X-Token\""), response.headers().all("WWW-Authenticate"));
    }

    @Test
    void theAnonymousConsumerStandsInWhenNothingSucceeds() {
        TestExchange exchange = new TestExchange("r1", "orders");

        chain(BASE, "anonymous: guest\nplugins: [{name: token}]").execute(exchange, get("X-Token", "guess"),
                (e, request) -> Response.of(200));

        assertEquals("guest", exchange.consumer().orElseThrow().name());
        assertTrue(exchange.guest());
    }

    @Test
    void aPluginThatNamesAConsumerItHoldsNoCredentialOfGets500() {
        assertEquals(500, run(chain(BASE, "plugins: [{name: token}]"), get("X-Token", "lie")).status());
    }

    @Test
    void theAdminViewStillListsThePluginsByName() {
        assertEquals(List.of("token", "echo"), chain(BASE, "plugins: [{name: echo}, {name: token}]").pluginNamesInOrder());
    }

    @Test
    void anUnknownMethodUnderCredentialsIsAConfigErrorListingTheLoadedOnes() {
        consumersOf(BASE.replace("token: [{value: a-token}]", "tokn: [{value: a-token}]"));

        assertEquals(List.of("consumers[0].credentials.tokn: no loaded plugin is named 'tokn' (authentication plugins loaded: token)"),
                errors);
    }

    @Test
    void aPluginThatDoesNotAuthenticateCannotHoldCredentials() {
        consumersOf(BASE.replace("token: [{value: a-token}]", "echo: [{value: a-token}]"));

        assertEquals(List.of("consumers[0].credentials.echo: plugin 'echo' does not authenticate (authentication plugins loaded: token)"),
                errors);
    }

    @Test
    void aCredentialIsBoundAndValidatedAtItsLocation() {
        consumersOf(BASE.replace("[{value: a-token}]", "[{value: ' '}, {valu: x}]"));

        assertEquals(2, errors.size(), errors::toString);
        assertEquals("consumers[0].credentials.token[0].value: must not be blank", errors.get(0));
        assertTrue(errors.get(1).startsWith("consumers[0].credentials.token[1].valu: unknown key"), errors.get(1));
    }

    @Test
    void oneCredentialForTwoConsumersIsAConfigErrorThatNeverShowsIt() {
        consumersOf(BASE + "  - name: bob\n    credentials:\n      token: [{value: a-token}]\n");

        assertEquals(List.of("consumers[2].credentials.token[0]: the same credential is already declared at "
                + "consumers[0].credentials.token[0]; each must identify one consumer"), errors);
    }

    @Test
    void anonymousOnARouteWithoutAuthenticationIsAConfigError() {
        chain(BASE, "anonymous: guest\nplugins: [{name: echo}]");

        assertEquals(List.of("routes[0].anonymous: the route has no authentication plugin, so no request would fall back "
                + "to the anonymous consumer; add one, or remove anonymous"), errors);
    }

    private Consumers consumersOf(String yaml) {
        return factory.consumers(load(yaml + "routes: []\n"), errors);
    }

    private RouteChain chain(String base, String route) {
        GatewayConfig config = load(base + "routes:\n  - id: orders\n    match: {path: /**}\n    upstream: u\n" + route.indent(4));
        return factory.build(config.routes().getFirst(), "routes[0]", factory.consumers(config, errors),
                factory.globals(config, errors), errors);
    }

    private static GatewayConfig load(String yaml) {
        return new ConfigLoader(Map.of(), Path.of("/plugins")).load(yaml, Path.of("/etc/turnpike")).config();
    }

    private static Response run(RouteChain chain, Request request) {
        return chain.execute(new TestExchange("r1", "orders"), request, (e, r) -> Response.of(200));
    }

    private static Request get(String... headers) {
        return new Request("GET", "/", "", Headers.of(headers), Body.empty());
    }

    private static String body(Response response) {
        return new String(response.body().bytes(10_000));
    }
}
