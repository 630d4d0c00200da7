package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate-limit plugin through the real gateway, loaded by PF4J from the packaged jar with Caffeine shaded
 * into it: the docs example as written, and the accuracy of the limit under concurrent clients.
 */
class RateLimitIT {

    private static final int CLIENTS = 64;

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

    private void start(String yaml) {
        gateway = TestGateway.start(yaml.replace("http://127.0.0.1:9001", upstream.url()),
                PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()), dir);
    }

    private void startWith(String pluginConfig) {
        start(ApiRoute.yaml(upstream.url(), pluginConfig));
    }

    /** The parent class loader also has Caffeine and Lettuce in a test, so the jar's own copies are checked directly. */
    @Test
    void thePackagedJarCarriesCaffeineLettuceAndNettyButNoSharedType() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(PluginJars.pluginUnderTest().toFile())) {
            assertTrue(jar.getEntry("com/github/benmanes/caffeine/cache/Caffeine.class") != null);
            assertTrue(jar.getEntry("io/lettuce/core/RedisClient.class") != null);
            assertTrue(jar.getEntry("io/netty/channel/Channel.class") != null);
            assertTrue(jar.getEntry("io/turnpike/plugins/ratelimit/sliding-window.lua") != null);
            assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith("io/turnpike/api/")
                    || entry.getName().startsWith("org/pf4j/") || entry.getName().startsWith("com/fasterxml/")
                    || entry.getName().startsWith("org/slf4j/")));
            assertEquals("rate-limit", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }
    }

    @Test
    void theDocumentedExampleMarksTheFirstAnswerAsThePageShows() {
        start(DocExamples.firstYamlBlock("plugins/rate-limit.md"));

        HttpResponse<String> first = gateway.get("/api/users");

        assertEquals(200, first.statusCode());
        assertEquals("hello from upstream", first.body());
        assertEquals("10", first.headers().firstValue("RateLimit-Limit").orElseThrow());
        assertEquals("9", first.headers().firstValue("RateLimit-Remaining").orElseThrow());
        assertEquals("1", first.headers().firstValue("RateLimit-Reset").orElseThrow());
        assertEquals("10;w=1, 300;w=60", first.headers().firstValue("RateLimit-Policy").orElseThrow());
    }

    @Test
    void withSixtyFourConcurrentClientsExactlyTheLimitPassesAndTheRestGet429WithRetryAfter() throws Exception {
        // an hour's window: the burst would have to straddle the hour and last over a minute to see a second window
        startWith("{hour: 50, by: ip}");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return gateway.get("/api/burst");
                }));
            }
            go.countDown();
        }

        int passed = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() == 200) {
                passed++;
            } else {
                assertEquals(429, response.statusCode());
                assertTrue(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()) >= 1);
                assertEquals("0", response.headers().firstValue("RateLimit-Remaining").orElseThrow());
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
            }
        }
        assertEquals(50, passed);
        assertEquals(50, upstream.requestCount());
    }

    @Test
    void theRequestsRefusedAreCountedForPrometheus() {
        start(ApiRoute.yaml(upstream.url(), "{hour: 2, by: ip}")
                .replace("routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:"));

        for (int i = 0; i < 5; i++) {
            gateway.get("/api/burst");
        }

        assertEquals(3, gateway.metricSum("turnpike_plugin_rate_limit_rejected_total", "turnpike_route=\"api\""));
    }

    @Test
    void anonymousRequestsByConsumerAreCountedByClientIp() {
        startWith("{hour: 3, by: consumer}");

        for (int i = 0; i < 3; i++) {
            assertEquals(200, gateway.get("/api/a").statusCode());
        }
        assertEquals(429, gateway.get("/api/a").statusCode());
    }

    @Test
    void eachHeaderValueHasAQuotaOfItsOwn() {
        startWith("{hour: 2, by: header, header: X-Api-Key}");

        assertEquals(200, gateway.get("/api/a", "X-Api-Key", "alpha").statusCode());
        assertEquals(200, gateway.get("/api/a", "X-Api-Key", "alpha").statusCode());
        assertEquals(429, gateway.get("/api/a", "X-Api-Key", "alpha").statusCode());
        assertEquals(200, gateway.get("/api/a", "X-Api-Key", "beta").statusCode());
    }

    @Test
    void legacyHeadersAreSentOnlyWhenAskedFor() {
        startWith("{minute: 300, hour: 1000, legacy-headers: true}");

        HttpResponse<String> response = gateway.get("/api/a");

        assertEquals("300", response.headers().firstValue("X-RateLimit-Limit-Minute").orElseThrow());
        assertEquals("299", response.headers().firstValue("X-RateLimit-Remaining-Minute").orElseThrow());
        assertEquals("1000", response.headers().firstValue("X-RateLimit-Limit-Hour").orElseThrow());
        assertEquals("299", response.headers().firstValue("RateLimit-Remaining").orElseThrow());
    }
}
