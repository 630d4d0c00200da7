package io.turnpike.plugins.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/acl.md through the real gateway, with three real plugin jars in one plugins
 * folder: acl (this module's), key-auth and basic-auth (copied in by the build). It shows that one route
 * accepts any one of several authentication methods, and that acl judges whichever consumer won.
 */
class AuthenticationWithAclIT {

    private static final String ALICE_KEY = "alice-key-0123456789";
    private static final String BOB_KEY = "bob-key-9876543210";

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
        String example = DocExamples.firstYamlBlock("plugins/acl.md").replace("http://127.0.0.1:9001", upstream.url());
        Path plugins = PluginJars.folderWith(dir.resolve("plugins"), PluginJars.sibling("key-auth"),
                PluginJars.sibling("basic-auth"), PluginJars.pluginUnderTest());
        gateway = TestGateway.start(example, plugins, dir,
                Map.of("ALICE_KEY", ALICE_KEY, "ALICE_PASSWORD", "correct horse", "BOB_KEY", BOB_KEY));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aliceGetsThroughWithHerKey() {
        assertEquals(200, gateway.get("/premium/x", "X-API-Key", ALICE_KEY).statusCode());
        assertEquals("alice", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void aliceGetsThroughWithHerPasswordOnTheSameRoute() {
        assertEquals(200, gateway.get("/premium/x", "Authorization", basic("alice:correct horse")).statusCode());
        assertEquals("alice", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void theFirstMethodThatSucceedsWinsEvenWhenAnotherFails() {
        assertEquals(200, gateway.get("/premium/x", "X-API-Key", ALICE_KEY, "Authorization", basic("alice:wrong")).statusCode());
    }

    @Test
    void bobIsAuthenticatedButNotInGoldSo403() {
        HttpResponse<String> response = gateway.get("/premium/x", "X-API-Key", BOB_KEY);

        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains(AclFilter.REFUSED), response.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void noCredentialsGet401WithEveryMethodsChallenge() {
        HttpResponse<String> response = gateway.get("/premium/x");

        assertEquals(401, response.statusCode());
        assertEquals(List.of("Key realm=\"turnpike\"", "Basic realm=\"turnpike\", charset=\"UTF-8\""),
                response.headers().allValues("WWW-Authenticate"));
    }

    @Test
    void theAnonymousGuestPassesADenyList() {
        assertEquals(200, gateway.get("/catalog/x").statusCode());
        assertEquals("guest", upstream.takeRequest().header("X-Consumer-Name"));
    }

    @Test
    void aDeniedConsumerIsRefusedOnTheAnonymousRoute() {
        assertEquals(403, gateway.get("/catalog/x", "X-API-Key", BOB_KEY).statusCode());
    }

    @Test
    void aSpoofedConsumerNameDoesNotGetPastAcl() {
        assertEquals(401, gateway.get("/premium/x", "X-Consumer-Name", "alice", "X-Consumer-Groups", "gold").statusCode());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
