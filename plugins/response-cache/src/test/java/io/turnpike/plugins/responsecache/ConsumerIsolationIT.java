package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where response-cache meets authentication, through the real gateway with the real key-auth jar and this
 * module's jar in one plugins folder. The upstream answers each caller differently, and says every answer
 * is public for a minute: only the cache's key can keep one caller's answer from another.
 */
class ConsumerIsolationIT {

    private static final String ALICE_KEY = "alice-key-0123456789";
    private static final String BOB_KEY = "bob-key-9876543210";

    private static final String CONFIG = """
            upstreams:
              profile:
                targets:
                  - url: %s
            consumers:
              - name: alice
                credentials:
                  key-auth: [{key: "${ALICE_KEY}"}]
              - name: bob
                credentials:
                  key-auth: [{key: "${BOB_KEY}"}]
              - name: guest
            routes:
              - id: me
                match: {path: /me/**}
                upstream: profile
                plugins:
                  - name: key-auth
                  - name: response-cache
              - id: open
                match: {path: /open/**}
                upstream: profile
                plugins:
                  - name: response-cache
              - id: shop
                match: {path: /shop/**}
                upstream: profile
                anonymous: guest
                plugins:
                  - name: key-auth
                  - name: response-cache
            """;

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.replying(request -> new Reply(200,
                Map.of("Content-Type", "text/plain", "Cache-Control", "public, max-age=60"),
                ("for " + request.header("X-Consumer-Name") + " with " + request.header("Authorization"))
                        .getBytes(StandardCharsets.UTF_8)));
        Path plugins = PluginJars.folderWith(dir.resolve("plugins"), PluginJars.sibling("key-auth"),
                PluginJars.pluginUnderTest());
        gateway = TestGateway.start(CONFIG.formatted(upstream.url()), plugins, dir,
                Map.of("ALICE_KEY", ALICE_KEY, "BOB_KEY", BOB_KEY));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private static String status(HttpResponse<String> response) {
        return response.headers().firstValue(CacheStatus.HEADER).orElse("none");
    }

    @Test
    void alicesCachedAnswerIsNeverServedToBob() {
        assertEquals("MISS", status(gateway.get("/me/profile", "X-API-Key", ALICE_KEY)));
        assertEquals("HIT", status(gateway.get("/me/profile", "X-API-Key", ALICE_KEY)));

        HttpResponse<String> bob = gateway.get("/me/profile", "X-API-Key", BOB_KEY);
        HttpResponse<String> bobAgain = gateway.get("/me/profile", "X-API-Key", BOB_KEY);
        HttpResponse<String> aliceAgain = gateway.get("/me/profile", "X-API-Key", ALICE_KEY);

        assertEquals("MISS", status(bob));
        assertEquals("for bob with null", bob.body());
        assertEquals("HIT", status(bobAgain));
        assertEquals("for bob with null", bobAgain.body());
        assertEquals("for alice with null", aliceAgain.body());
        assertEquals(2, upstream.requestCount());
    }

    @Test
    void aWrongKeyIsRefusedBeforeTheCacheIsAsked() {
        gateway.get("/me/profile", "X-API-Key", ALICE_KEY);

        HttpResponse<String> response = gateway.get("/me/profile", "X-API-Key", "not-a-key-of-anyone");

        assertEquals(401, response.statusCode());
        assertEquals("none", status(response));
    }

    @Test
    void aRequestWithAuthorizationOnARouteWithoutAuthenticationBypassesTheCache() {
        HttpResponse<String> first = gateway.get("/open/profile", "Authorization", "Bearer token-of-carol");
        HttpResponse<String> second = gateway.get("/open/profile", "Authorization", "Bearer token-of-dave");

        assertEquals("BYPASS", status(first));
        assertEquals("BYPASS", status(second));
        assertEquals("for null with Bearer token-of-dave", second.body());
        assertEquals(2, upstream.requestCount());
    }

    @Test
    void aClientCannotNameItselfAConsumerToReachAnotherConsumersEntry() {
        gateway.get("/me/profile", "X-API-Key", ALICE_KEY);

        HttpResponse<String> spoofed = gateway.get("/open/profile", "X-Consumer-Name", "alice");

        assertEquals("MISS", status(spoofed));
        assertEquals("for null with null", spoofed.body());
    }

    @Test
    void anonymousCallersWithoutCredentialsShareTheGuestsEntry() {
        assertEquals("MISS", status(gateway.get("/shop/items")));

        HttpResponse<String> second = gateway.get("/shop/items");

        assertEquals("HIT", status(second));
        assertEquals("for guest with null", second.body());
    }

    @Test
    void anAuthenticatedConsumerDoesNotGetTheGuestsEntry() {
        gateway.get("/shop/items");

        HttpResponse<String> alice = gateway.get("/shop/items", "X-API-Key", ALICE_KEY);

        assertEquals("MISS", status(alice));
        assertEquals("for alice with null", alice.body());
    }

    /**
     * The anonymous consumer is whoever presented no credential the gateway checks; an Authorization meant
     * for the upstream is not checked, so it must not share the guest's entry with other guests.
     */
    @Test
    void guestsWithDifferentAuthorizationNeverShareAnAnswer() {
        gateway.get("/shop/items", "Authorization", "Bearer token-of-carol");

        HttpResponse<String> dave = gateway.get("/shop/items", "Authorization", "Bearer token-of-dave");
        HttpResponse<String> anonymous = gateway.get("/shop/items");

        assertEquals("for guest with Bearer token-of-dave", dave.body());
        assertEquals("for guest with null", anonymous.body());
        assertEquals(3, upstream.requestCount());
    }
}
