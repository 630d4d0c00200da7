package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.testkit.CapturedWarnings;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting in Redis through real gateways, with the plugin jar loaded by PF4J and a real redis-server: one
 * quota across gateways, and each {@code on-redis-error} while Redis is down.
 */
class RedisRateLimitIT {

    private static final String PASSWORD = "s3cret-for-the-test";
    private static final String PLUGIN_LOGGER = "io.turnpike.plugin.rate-limit";

    @TempDir
    Path dir;

    private RedisServer redis;
    private TestUpstream upstream;
    private final List<TestGateway> gateways = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = RedisServer.start(dir, "--requirepass", PASSWORD);
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        gateways.forEach(TestGateway::close);
        upstream.close();
        redis.close();
    }

    private TestGateway gateway(String yaml) {
        Path work = dir.resolve("gateway-" + gateways.size());
        TestGateway gateway = TestGateway.start(yaml.replace("http://127.0.0.1:9001", upstream.url())
                        .replace("redis://127.0.0.1:6379/0", redis.url() + "/0"),
                PluginJars.folderWith(work.resolve("plugins"), PluginJars.pluginUnderTest()), work,
                Map.of("REDIS_PASSWORD", PASSWORD));
        gateways.add(gateway);
        return gateway;
    }

    /** A gateway counting by IP in the test's Redis, with the rest of the plugin's config in flow style. */
    private TestGateway gatewayWith(String pluginConfig) {
        return gateway(ApiRoute.yaml("http://127.0.0.1:9001", pluginConfig.replace("}", ", by: ip, redis: {url:"
                + " \"redis://127.0.0.1:6379/0\", password: \"${REDIS_PASSWORD}\"}}")));
    }

    private static String remaining(HttpResponse<String> response) {
        return response.headers().firstValue("RateLimit-Remaining").orElse("(none)");
    }

    @Test
    void theDocumentedExampleCountsOneQuotaAcrossTwoGateways() {
        String example = DocExamples.yamlBlockContaining("plugins/rate-limit.md", "${REDIS_PASSWORD}");
        TestGateway first = gateway(example);
        TestGateway second = gateway(example);

        assertEquals("99", remaining(first.get("/api/a")));
        assertEquals("98", remaining(second.get("/api/a")));
        assertEquals("97", remaining(first.get("/api/a")));
        assertEquals("96", remaining(second.get("/api/a")));
    }

    @Test
    void theDocumentedTlsExampleCountsInARedisThatWantsTheGatewaysCertificate() throws Exception {
        Path redisDir = Files.createDirectories(dir.resolve("tls-redis"));
        TlsClients.copyFixtures(redisDir);
        String example = DocExamples.yamlBlockContaining("plugins/rate-limit.md", "rediss://");
        try (RedisServer tlsRedis = RedisServer.startTls(redisDir, true)) {
            String yaml = example.replace("rediss://127.0.0.1:6380", tlsRedis.url());
            copyTlsFilesForTheNextGateway(redisDir);
            TestGateway first = gateway(yaml);
            copyTlsFilesForTheNextGateway(redisDir);
            TestGateway second = gateway(yaml);

            assertEquals("99", remaining(first.get("/api/a")));
            assertEquals("98", remaining(second.get("/api/a")), "counted in the one Redis");
        }
    }

    /** The example's files under the names it gives, in the folder of the gateway {@link #gateway} starts next. */
    private void copyTlsFilesForTheNextGateway(Path fixtures) throws Exception {
        Path tls = Files.createDirectories(dir.resolve("gateway-" + gateways.size()).resolve("tls"));
        Files.copy(fixtures.resolve("ca.pem"), tls.resolve("redis-ca.pem"));
        Files.copy(fixtures.resolve("gateway-client.pem"), tls.resolve("gateway.pem"));
        Files.copy(fixtures.resolve("gateway-client.key"), tls.resolve("gateway.key"));
    }

    @Test
    void twoGatewaysTogetherAdmitExactlyTheLimit() {
        TestGateway first = gatewayWith("{hour: 5}");
        TestGateway second = gatewayWith("{hour: 5}");

        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = (i % 2 == 0 ? first : second).get("/api/a");
            if (response.statusCode() == 200) {
                admitted++;
            } else {
                assertEquals(429, response.statusCode());
            }
        }

        assertEquals(5, admitted);
        assertEquals(5, upstream.requestCount());
    }

    @Test
    void whileRedisIsDownEachGatewayCountsInItsMemoryAndLogsItOnce() {
        redis.stop();
        try (CapturedWarnings warnings = CapturedWarnings.of(PLUGIN_LOGGER)) {
            TestGateway gateway = gatewayWith("{hour: 2}");

            assertEquals(200, gateway.get("/api/a").statusCode());
            assertEquals(200, gateway.get("/api/a").statusCode());
            HttpResponse<String> refused = gateway.get("/api/a");

            assertEquals(429, refused.statusCode());
            assertEquals("0", remaining(refused));
            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
            assertTrue(warnings.messages().getFirst().contains(redis.url()), warnings.messages().getFirst());
            assertFalse(warnings.messages().getFirst().contains(PASSWORD), warnings.messages().getFirst());
        }
    }

    @Test
    void whenRedisIsBackTheCountsAreItsAgain() {
        TestGateway gateway = gatewayWith("{hour: 2}");
        redis.stop();
        gateway.get("/api/a");
        gateway.get("/api/a");
        assertEquals(429, gateway.get("/api/a").statusCode(), "counted in memory");

        redis.start();

        Eventually.value("a request counted in Redis, which has no counts yet", () -> gateway.get("/api/a"),
                response -> response.statusCode() == 200);
        assertEquals(List.of("turnpike:rate-limit:route:api:ip:127.0.0.1"),
                redis.commands(PASSWORD).keys("turnpike:rate-limit:*"));
    }

    @Test
    void aGlobalEntryCountsEachClientOnceInRedisForEveryRoute() {
        TestGateway gateway = gateway("""
                plugins:
                  global:
                    - name: rate-limit
                      config: {minute: 3, by: ip, redis: {url: "redis://127.0.0.1:6379/0", password: "${REDIS_PASSWORD}"}}
                upstreams:
                  api: {targets: [{url: "http://127.0.0.1:9001"}]}
                routes:
                  - {id: orders, match: {path: /orders/**}, upstream: api}
                  - {id: carts, match: {path: /carts/**}, upstream: api}
                """);

        assertEquals("2", remaining(gateway.get("/orders/1")));
        assertEquals("1", remaining(gateway.get("/carts/1")));
        assertEquals(List.of("turnpike:rate-limit:global-plugin:ip:127.0.0.1"),
                redis.commands(PASSWORD).keys("turnpike:rate-limit:*"));
    }

    @Test
    void onRedisErrorAllowLetsRequestsThroughUncounted() {
        redis.stop();
        TestGateway gateway = gatewayWith("{hour: 1, on-redis-error: allow}");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = gateway.get("/api/a");
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("RateLimit-Limit").isEmpty(), "uncounted, so no headers");
        }
    }

    @Test
    void onRedisErrorRefuseAnswers503WithAProblemAndSendsNothingUpstream() {
        redis.stop();
        TestGateway gateway = gatewayWith("{hour: 100, on-redis-error: refuse}");

        HttpResponse<String> refused = gateway.get("/api/a");

        assertEquals(503, refused.statusCode());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(refused.body().contains("cannot be checked now"), refused.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aReloadThatRaisesTheLimitKeepsTheCountsInRedis() throws Exception {
        TestGateway gateway = gatewayWith("{hour: 2}");
        gateway.get("/api/a");
        gateway.get("/api/a");
        assertEquals(429, gateway.get("/api/a").statusCode());

        Files.writeString(dir.resolve("gateway-0").resolve("gateway.yaml"), Files.readString(
                dir.resolve("gateway-0").resolve("gateway.yaml")).replace("hour: 2", "hour: 3"));
        assertEquals(200, gateway.reload().statusCode());

        HttpResponse<String> third = gateway.get("/api/a");
        assertEquals(200, third.statusCode());
        assertEquals("0", remaining(third));
        assertEquals(429, gateway.get("/api/a").statusCode());
    }

    @Test
    void aStoppedGatewayClosesItsConnectionToRedis() {
        long before = clients();
        TestGateway gateway = gatewayWith("{hour: 100}");
        gateway.get("/api/a");
        assertEquals(before + 1, clients(), "one connection for the gateway");

        gateway.close();
        gateways.remove(gateway);

        Eventually.await("the gateway's connection is closed", () -> clients() == before);
    }

    private long clients() {
        return redis.commands(PASSWORD).clientList().lines().count();
    }

    @Test
    void aRedisUrlOfAnotherSchemeIsAConfigErrorNamingItsKey() {
        ConfigException refused = assertThrows(ConfigException.class, () -> gateway(ApiRoute.yaml(
                "http://127.0.0.1:9001", "{minute: 10, redis: {url: \"http://127.0.0.1:6379\"}}")));

        assertTrue(refused.getMessage().contains("routes[0].plugins[0].config.redis.url: must start with redis://"),
                refused.getMessage());
    }
}
