package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.plugins.responsecache.testplugin.ArrivalsPlugin;
import io.turnpike.server.plugins.TestPluginJars;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/response-cache.md through the real gateway, with the packaged (shaded) plugin
 * jar loaded by PF4J, in front of a real upstream that counts its hits per path.
 */
class ResponseCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CatalogUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void startUpstream() {
        upstream = new CatalogUpstream();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private String example() {
        return DocExamples.firstYamlBlock("plugins/response-cache.md").replace("http://127.0.0.1:9001", upstream.url());
    }

    private void start(String yaml) {
        Path plugins = PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest());
        TestPluginJars.plugin("arrivals").extensions(ArrivalsPlugin.class).writeTo(plugins, "arrivals.jar");
        gateway = TestGateway.start(yaml, plugins, dir);
    }

    private void startExample() {
        start(example());
    }

    private HttpResponse<String> get(String path, String... headers) {
        return gateway.get(path, headers);
    }

    private HttpResponse<String> admin(String method, String path) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.adminUri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String status(HttpResponse<String> response) {
        return response.headers().firstValue("X-Cache-Status").orElse("none");
    }

    @Test
    void theShadedJarCarriesCaffeineAndNothingTheServerShares() throws Exception {
        try (JarFile jar = new JarFile(PluginJars.pluginUnderTest().toFile())) {
            assertTrue(jar.getEntry("com/github/benmanes/caffeine/cache/Caffeine.class") != null);
            assertEquals(null, jar.getEntry("io/turnpike/api/GatewayPlugin.class"));
            assertEquals(null, jar.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class"));
            assertEquals(null, jar.getEntry("org/pf4j/Plugin.class"));
            assertEquals("response-cache", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
        }
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheCacheWithItsAge() {
        startExample();

        HttpResponse<String> first = get("/catalog/items/1");
        HttpResponse<String> second = get("/catalog/items/1");

        assertEquals("MISS", status(first));
        assertEquals("HIT", status(second));
        assertEquals(first.body(), second.body());
        assertEquals("/catalog/items/1 hit 1", second.body());
        long age = Long.parseLong(second.headers().firstValue("Age").orElseThrow());
        assertTrue(age >= 0 && age < 60, "Age " + age);
        assertEquals(1, upstream.hits("/catalog/items/1"));
    }

    @Test
    void hitsAndMissesAreCountedForPrometheus() {
        start(example().replace("routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:"));

        for (int i = 0; i < 3; i++) {
            get("/catalog/items/1");
        }

        String route = "turnpike_route=\"catalog\"";
        assertEquals(1, gateway.metricSum("turnpike_plugin_response_cache_miss_total", route));
        assertEquals(2, gateway.metricSum("turnpike_plugin_response_cache_hit_total", route));
    }

    @Test
    void aHeadAfterAGetIsAnsweredFromTheStoredGetWithItsLength() {
        startExample();
        HttpResponse<String> first = get("/catalog/items/3");

        HttpResponse<String> head = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/catalog/items/3"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, head.statusCode());
        assertEquals("HIT", status(head));
        assertEquals("", head.body());
        assertEquals(Integer.toString(first.body().length()), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(1, upstream.hits("/catalog/items/3"));
    }

    @Test
    void aPutThroughTheGatewayInvalidatesTheStoredAnswer() {
        startExample();
        get("/catalog/items/7");
        assertEquals("HIT", status(get("/catalog/items/7")));

        HttpResponse<String> put = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/catalog/items/7"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"renamed\"}")).build());

        assertEquals(200, put.statusCode());
        assertEquals("BYPASS", status(put));
        HttpResponse<String> after = get("/catalog/items/7");
        assertEquals("MISS", status(after));
        assertEquals("/catalog/items/7 hit 3", after.body());
    }

    @Test
    void anAnswerPastItsMaxAgeIsFetchedAgainAndReportedExpired() {
        startExample();
        assertEquals("MISS", status(get("/catalog/short")));

        HttpResponse<String> expired = pollUntil(() -> get("/catalog/short"), r -> status(r).equals("EXPIRED"));

        assertEquals("/catalog/short hit 2", expired.body());
        assertEquals(2, upstream.hits("/catalog/short"));
    }

    @Test
    void whenTheUpstreamIsDownAStaleCopyWithinItsStaleIfErrorAnswers() {
        startExample();
        assertEquals("MISS", status(get("/catalog/fallback")));
        upstream.close();

        HttpResponse<String> stale = pollUntil(() -> get("/catalog/fallback"), r -> !status(r).equals("HIT"));

        assertEquals(200, stale.statusCode(), stale.body());
        assertEquals("STALE", status(stale));
        assertEquals("/catalog/fallback hit 1", stale.body());
    }

    @Test
    void aStaleAnswerTheUpstreamConfirmsWith304IsServedAgainWithoutItsBody() {
        startExample();
        HttpResponse<String> first = get("/catalog/revalidated");
        assertEquals("MISS", status(first));

        HttpResponse<String> revalidated = pollUntil(() -> get("/catalog/revalidated"),
                r -> status(r).equals("REVALIDATED"));

        assertEquals(200, revalidated.statusCode());
        assertEquals(first.body(), revalidated.body(), "the stored body; the upstream sent none");
        assertEquals(2, upstream.hits("/catalog/revalidated"), "one full answer, one 304");
    }

    @Test
    void privateAnswersAreNeverStored() {
        startExample();

        get("/catalog/private");
        HttpResponse<String> second = get("/catalog/private");

        assertEquals("MISS", status(second));
        assertEquals("/catalog/private hit 2", second.body());
    }

    @Test
    void varyKeepsEachLanguagesAnswerApart() {
        startExample();

        get("/catalog/vary", "Accept-Language", "fr");
        HttpResponse<String> german = get("/catalog/vary", "Accept-Language", "de");
        HttpResponse<String> french = get("/catalog/vary", "Accept-Language", "fr");

        assertEquals("de /catalog/vary hit 2", german.body());
        assertEquals("HIT", status(french));
        assertEquals("fr /catalog/vary hit 1", french.body());
    }

    @Test
    void aConditionalRequestForTheCachedVersionGets304() {
        startExample();
        get("/catalog/items/2");

        HttpResponse<String> response = get("/catalog/items/2", "If-None-Match", "\"v1\"");

        assertEquals(304, response.statusCode());
        assertEquals("HIT", status(response));
        assertEquals("\"v1\"", response.headers().firstValue("ETag").orElseThrow());
        assertEquals("", response.body());
        assertEquals(1, upstream.hits("/catalog/items/2"));
    }

    @Test
    void fiftyConcurrentMissesMakeOneUpstreamCall() throws Exception {
        start(example().replace("lock-timeout: 5s", "lock-timeout: 30s") + "      - name: arrivals\n");
        List<CompletableFuture<HttpResponse<String>>> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                clients.add(CompletableFuture.supplyAsync(() -> get("/catalog/slow"), threads));
            }
            // Every client is inside the gateway before the upstream answers the first.
            pollUntil(() -> admin("GET", "/arrivals").body(), arrivals -> arrivals.equals("50"));
            upstream.releaseSlow();

            List<HttpResponse<String>> responses = clients.stream().map(CompletableFuture::join).toList();

            assertEquals(1, upstream.hits("/catalog/slow"));
            assertTrue(responses.stream().allMatch(r -> r.statusCode() == 200 && r.body().equals("/catalog/slow hit 1")));
            assertEquals(1, responses.stream().filter(r -> status(r).equals("MISS")).count());
            assertEquals(49, responses.stream().filter(r -> status(r).equals("HIT")).count());
        }
    }

    @Test
    void purgingOneRouteEmptiesItsCache() throws Exception {
        startExample();
        get("/catalog/items/3");
        assertEquals("HIT", status(get("/catalog/items/3")));

        HttpResponse<String> purge = admin("DELETE", "/cache/catalog");

        assertEquals(200, purge.statusCode());
        assertEquals(JSON.readTree("{\"route\":\"catalog\",\"purged\":1}"), JSON.readTree(purge.body()));
        assertEquals("MISS", status(get("/catalog/items/3")));
    }

    @Test
    void purgingEverythingEmptiesEveryRoute() throws Exception {
        startExample();
        get("/catalog/items/4");
        get("/catalog/items/5");

        HttpResponse<String> purge = admin("DELETE", "/cache");

        assertEquals(JSON.readTree("{\"purged\":2}"), JSON.readTree(purge.body()));
        assertEquals("MISS", status(get("/catalog/items/4")));
    }

    @Test
    void purgingAnUnknownRouteIsAProblem() {
        startExample();

        HttpResponse<String> purge = admin("DELETE", "/cache/no-such-route");

        assertEquals(404, purge.statusCode());
        assertEquals("application/problem+json", purge.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void theCacheStaysWithinItsMemoryBound() throws Exception {
        start(example().replace("max-memory: 64MiB", "max-memory: 64KiB").replace("max-entry-size: 1MiB", "max-entry-size: 16KiB"));
        for (int i = 0; i < 20; i++) {
            assertEquals("MISS", status(get("/catalog/big/" + i)));
        }

        JsonNode usage = JSON.readTree(admin("GET", "/cache").body()).path("routes").path("catalog");

        assertEquals(65536, usage.path("max-bytes").asLong());
        assertTrue(usage.path("bytes").asLong() <= 65536, usage.toString());
        assertTrue(usage.path("entries").asLong() > 0 && usage.path("entries").asLong() < 20, usage.toString());
        long misses = 0;
        for (int i = 0; i < 20; i++) {
            misses += status(get("/catalog/big/" + i)).equals("MISS") ? 1 : 0;
        }
        assertTrue(misses > 0, "every 10 KiB answer of 20 was still cached in 64 KiB");
    }

    @Test
    void anAnswerAboveTheEntryLimitPassesThroughWholeAndUncached() {
        startExample();

        HttpResponse<String> first = get("/catalog/huge");
        HttpResponse<String> second = get("/catalog/huge");

        assertEquals(2 * 1024 * 1024, first.body().length());
        assertEquals("MISS", status(second));
        assertEquals(2, upstream.hits("/catalog/huge"));
    }

    @Test
    void aChunkedAnswerIsStreamedAndStored() {
        startExample();

        HttpResponse<String> first = get("/catalog/chunked");
        HttpResponse<String> second = get("/catalog/chunked");

        assertEquals("/catalog/chunked hit 1", first.body());
        assertEquals("HIT", status(second));
        assertEquals("/catalog/chunked hit 1", second.body());
    }

    private static <T> T pollUntil(java.util.function.Supplier<T> action, java.util.function.Predicate<T> done) {
        return Eventually.value("the awaited answer", action, done);
    }
}
