package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cached answers across {@code POST /reload} through the real gateway: a reload that leaves a route's cache
 * settings alone keeps its answers, one that changes what would be stored starts it empty, and the admin
 * endpoints see one cache per route throughout.
 */
class ResponseCacheReloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_ROUTE = """
              - id: other
                match:
                  path: /other/**
                upstream: catalog
            """;

    @TempDir
    Path dir;

    private CatalogUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = new CatalogUpstream();
        gateway = TestGateway.start(example(), PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private String example() {
        return DocExamples.firstYamlBlock("plugins/response-cache.md").replace("http://127.0.0.1:9001", upstream.url());
    }

    private void reload(String yaml) throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), yaml);
        HttpResponse<String> reloaded = admin("POST", "/reload");
        assertEquals(200, reloaded.statusCode(), reloaded.body());
    }

    private HttpResponse<String> admin(String method, String path) {
        return TestGateway.send(HttpRequest.newBuilder(gateway.adminUri(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private JsonNode cacheRoutes() throws Exception {
        return JSON.readTree(admin("GET", "/cache").body()).path("routes");
    }

    private static String status(HttpResponse<String> response) {
        return response.headers().firstValue("X-Cache-Status").orElse("none");
    }

    @Test
    void aCachedAnswerIsStillAHitAfterAReloadThatLeavesTheCacheSettingsAlone() throws Exception {
        assertEquals("MISS", status(gateway.get("/catalog/items/1")));

        reload(example().replace("lock-timeout: 5s", "lock-timeout: 10s") + OTHER_ROUTE);

        assertEquals(200, gateway.get("/other/items/1").statusCode(), "the reload took effect");
        HttpResponse<String> after = gateway.get("/catalog/items/1");
        assertEquals("HIT", status(after));
        assertEquals("/catalog/items/1 hit 1", after.body());
        assertEquals(1, upstream.hits("/catalog/items/1"));
    }

    @Test
    void changedCacheSettingsStartTheRouteEmpty() throws Exception {
        gateway.get("/catalog/items/1");
        assertEquals("HIT", status(gateway.get("/catalog/items/1")));

        reload(example().replace("max-ttl: 1h", "max-ttl: 30m"));

        assertEquals(0, cacheRoutes().path("catalog").path("entries").asLong());
        HttpResponse<String> after = gateway.get("/catalog/items/1");
        assertEquals("MISS", status(after));
        assertEquals("/catalog/items/1 hit 2", after.body());
    }

    @Test
    void afterReloadsTheAdminSeesOneCachePerLiveRouteAndPurgeStillEmptiesIt() throws Exception {
        gateway.get("/catalog/items/1");
        reload(example().replace("lock-timeout: 5s", "lock-timeout: 10s"));
        reload(example());

        JsonNode routes = cacheRoutes();
        assertEquals(1, routes.size(), routes.toString());
        assertEquals(1, routes.path("catalog").path("entries").asLong(), routes.toString());

        HttpResponse<String> purge = admin("DELETE", "/cache/catalog");
        assertEquals(JSON.readTree("{\"route\":\"catalog\",\"purged\":1}"), JSON.readTree(purge.body()));
        assertEquals("MISS", status(gateway.get("/catalog/items/1")));
    }

    @Test
    void aRouteThatWentAwayLeavesNoCacheBehind() throws Exception {
        gateway.get("/catalog/items/1");

        reload(example().replaceAll("(?s)routes:.*", "routes:\n" + OTHER_ROUTE));

        assertEquals(404, gateway.get("/catalog/items/1").statusCode(), "the reload took effect");
        assertEquals(0, cacheRoutes().size());
        assertEquals(404, admin("DELETE", "/cache/catalog").statusCode());
    }
}
