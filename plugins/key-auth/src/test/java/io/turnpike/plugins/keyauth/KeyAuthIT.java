package io.turnpike.plugins.keyauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/key-auth.md, run as written through the real gateway with the packaged jar
 * loaded by PF4J and the keys taken from the environment; the assertions are the prose under the example.
 */
class KeyAuthIT {

    private static final String ALICE = "alice-key-0123456789";
    private static final Map<String, String> ENV = Map.of("ALICE_KEY", ALICE, "BOB_KEY", "bob-key-9876543210");

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
        gateway = TestGateway.start(example(), plugins(), dir, ENV);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    @Test
    void theRightKeyReachesTheUpstreamAsItsConsumerWithoutTheKey() {
        assertEquals(200, gateway.get("/orders/1", "X-API-Key", ALICE).statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertEquals("alice", received.header("X-Consumer-Name"));
        assertEquals("gold", received.header("X-Consumer-Groups"));
        assertNull(received.header("X-API-Key"));
    }

    @Test
    void theKeyInTheQueryIsAcceptedAndRemoved() {
        assertEquals(200, gateway.get("/orders/1?apikey=" + ALICE + "&page=2").statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertEquals("page=2", received.rawQuery());
        assertEquals("alice", received.header("X-Consumer-Name"));
    }

    @Test
    void aMissingKeyIsRefused401WithAChallengeAndAProblem() {
        HttpResponse<String> response = gateway.get("/orders/1");

        assertEquals(401, response.statusCode());
        assertEquals(Optional.of("Key realm=\"turnpike\""), response.headers().firstValue("WWW-Authenticate"));
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains("This route needs credentials."), response.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aWrongKeyIsRefused401SayingOnlyInvalidCredentials() {
        HttpResponse<String> response = gateway.get("/orders/1", "X-API-Key", ALICE + "x");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("\"detail\":\"Invalid credentials.\""), response.body());
        assertFalse(response.body().contains(ALICE));
    }

    @Test
    void theRightKeyInTheWrongHeaderIsRefused() {
        assertEquals(401, gateway.get("/orders/1", "Authorization", ALICE).statusCode());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aSpoofedConsumerHeaderIsReplacedByTheAuthenticatedConsumer() {
        gateway.get("/orders/1", "X-API-Key", ALICE, "X-Consumer-Name", "admin", "X-Consumer-Groups", "root");

        RecordedRequest received = upstream.takeRequest();
        assertEquals(List.of("alice"), received.headerValues("X-Consumer-Name"));
        assertEquals(List.of("gold"), received.headerValues("X-Consumer-Groups"));
    }

    @Test
    void aSpoofedConsumerHeaderIsRemovedOnARouteWithoutAuthentication() {
        assertEquals(200, gateway.get("/health", "X-Consumer-Name", "admin", "X-Consumer-Groups", "root").statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertNull(received.header("X-Consumer-Name"));
        assertNull(received.header("X-Consumer-Groups"));
    }

    @Test
    void aConsumerWithoutGroupsSendsNoGroupsHeader() {
        gateway.get("/orders/1", "X-API-Key", "bob-key-9876543210", "X-Consumer-Groups", "root");

        RecordedRequest received = upstream.takeRequest();
        assertEquals("bob", received.header("X-Consumer-Name"));
        assertNull(received.header("X-Consumer-Groups"));
    }

    @Test
    void withoutAKeyTheAnonymousRouteServesTheGuest() {
        assertEquals(200, gateway.get("/catalog/1", "X-Consumer-Name", "alice").statusCode());

        assertEquals("guest", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void withAKeyTheAnonymousRouteServesItsConsumer() {
        gateway.get("/catalog/1", "X-API-Key", ALICE);

        assertEquals("alice", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void aKeyGivenToTwoConsumersStopsTheLoadNamingBothPlacesButNotTheKey() {
        gateway.close();
        gateway = null;
        Map<String, String> sameKey = Map.of("ALICE_KEY", ALICE, "BOB_KEY", ALICE);

        ConfigException refused = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> TestGateway.start(example(), plugins(), dir, sameKey));

        assertTrue(refused.getMessage().contains("consumers[1].credentials.key-auth[0]: the same credential is already "
                + "declared at consumers[0].credentials.key-auth[0]"), refused.getMessage());
        assertFalse(refused.getMessage().contains(ALICE), refused.getMessage());
    }

    @Test
    void anUnsetKeyVariableStopsTheLoad() {
        gateway.close();
        gateway = null;

        ConfigException refused = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> TestGateway.start(example(), plugins(), dir, Map.of("ALICE_KEY", ALICE)));

        assertTrue(refused.getMessage().contains("BOB_KEY"), refused.getMessage());
    }

    private String example() {
        return DocExamples.firstYamlBlock("plugins/key-auth.md").replace("http://127.0.0.1:9001", upstream.url());
    }

    private Path plugins() {
        Path folder = dir.resolve("plugins");
        return java.nio.file.Files.isDirectory(folder) ? folder : PluginJars.folderWith(folder, PluginJars.pluginUnderTest());
    }
}
