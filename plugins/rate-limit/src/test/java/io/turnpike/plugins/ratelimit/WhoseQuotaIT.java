package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose quota a request spends, where rate-limit meets authentication and the client-address rule: the real
 * gateway with the real key-auth, ip-restriction and rate-limit jars in one plugins folder. Every request of
 * the test comes from 127.0.0.1; X-Forwarded-For names other clients, believed only from a trusted proxy.
 */
class WhoseQuotaIT {

    private static final String ALICE_KEY = "alice-key-0123456789";
    private static final String BOB_KEY = "bob-key-9876543210";

    private static final String CONFIG = """
            server:
              trusted-proxies: [%s]
            upstreams:
              api:
                targets:
                  - url: %s
            consumers:
              - name: alice
                credentials:
                  key-auth: [{key: "${ALICE_KEY}"}]
              - name: bob
                credentials:
                  key-auth: [{key: "${BOB_KEY}"}]
            routes:
              - id: keyed
                match: {path: /keyed/**}
                upstream: api
                plugins:
                  - name: key-auth
                  - name: rate-limit
                    config: {hour: 2, by: consumer}
              - id: open
                match: {path: /open/**}
                upstream: api
                plugins:
                  - name: rate-limit
                    config: {hour: 2, by: consumer}
              - id: by-ip
                match: {path: /by-ip/**}
                upstream: api
                plugins:
                  - name: rate-limit
                    config: {hour: 2, by: ip}
              - id: internal
                match: {path: /internal/**}
                upstream: api
                plugins:
                  - name: ip-restriction
                    config: {allow: [10.0.0.0/8]}
            """;

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void startUpstream() {
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    /** @param trustedProxies the one range whose X-Forwarded-For the gateway believes */
    private void startTrusting(String trustedProxies) {
        Path plugins = PluginJars.folderWith(dir.resolve("plugins"), PluginJars.sibling("key-auth"),
                PluginJars.sibling("ip-restriction"), PluginJars.pluginUnderTest());
        gateway = TestGateway.start(CONFIG.formatted(trustedProxies, upstream.url()), plugins, dir,
                Map.of("ALICE_KEY", ALICE_KEY, "BOB_KEY", BOB_KEY));
    }

    private int status(String path, String... headers) {
        return gateway.get(path, headers).statusCode();
    }

    @Test
    void eachConsumerHasAQuotaOfHerOwn() {
        startTrusting("127.0.0.1");

        assertEquals(200, status("/keyed/a", "X-API-Key", ALICE_KEY));
        assertEquals(200, status("/keyed/a", "X-API-Key", ALICE_KEY));
        assertEquals(429, status("/keyed/a", "X-API-Key", ALICE_KEY));
        assertEquals(200, status("/keyed/a", "X-API-Key", BOB_KEY));
        assertEquals(200, status("/keyed/a", "X-API-Key", BOB_KEY));
        assertEquals(429, status("/keyed/a", "X-API-Key", BOB_KEY));
    }

    @Test
    void aConsumerSpendsOneQuotaFromWhicheverAddressSheCalls() {
        startTrusting("127.0.0.1");

        assertEquals(200, status("/keyed/a", "X-API-Key", ALICE_KEY, "X-Forwarded-For", "203.0.113.1"));
        assertEquals(200, status("/keyed/a", "X-API-Key", ALICE_KEY, "X-Forwarded-For", "203.0.113.2"));
        assertEquals(429, status("/keyed/a", "X-API-Key", ALICE_KEY, "X-Forwarded-For", "203.0.113.3"));
    }

    @Test
    void aRefusedKeySpendsNoQuota() {
        startTrusting("127.0.0.1");

        for (int i = 0; i < 3; i++) {
            assertEquals(401, status("/keyed/a", "X-API-Key", "not-a-key-of-anyone"));
        }
        assertEquals(200, status("/keyed/a", "X-API-Key", ALICE_KEY));
    }

    @Test
    void withoutAuthenticationEachClientAddressHasAQuotaOfItsOwn() {
        startTrusting("127.0.0.1");

        assertEquals(200, status("/open/a", "X-Forwarded-For", "203.0.113.1"));
        assertEquals(200, status("/open/a", "X-Forwarded-For", "203.0.113.1"));
        assertEquals(429, status("/open/a", "X-Forwarded-For", "203.0.113.1"));
        assertEquals(200, status("/open/a", "X-Forwarded-For", "203.0.113.2"));
    }

    @Test
    void aClientSpoofingForwardedForFromAnUntrustedPeerIsCountedByItsSocketAddress() {
        startTrusting("10.0.0.0/8");

        assertEquals(200, status("/by-ip/a", "X-Forwarded-For", "203.0.113.1"));
        assertEquals(200, status("/by-ip/a", "X-Forwarded-For", "203.0.113.2"));
        assertEquals(429, status("/by-ip/a", "X-Forwarded-For", "203.0.113.3"));
        assertEquals(429, status("/by-ip/a"));
    }

    @Test
    void aClientSpoofingForwardedForFromAnUntrustedPeerIsJudgedByItsSocketAddress() {
        startTrusting("10.0.0.0/8");

        assertEquals(403, status("/internal/a", "X-Forwarded-For", "10.1.2.3"));
        assertEquals(0, upstream.requestCount());
    }
}
