package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

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
 * The example of docs/plugins/request-transformer.md, run as written through the real gateway with the
 * packaged plugin jar loaded by PF4J; the assertions are the prose under the example.
 */
class RequestTransformerIT {

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
        String example = DocExamples.firstYamlBlock("plugins/request-transformer.md")
                .replace("http://127.0.0.1:9001", upstream.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void theDocumentedRequestReachesTheUpstreamAsDocumented() {
        int status = gateway.get("/api/users/42?debug=1&page=2",
                "X-Debug", "1", "X-Client-Version", "2.1", "X-Tenant", "guest", "X-Tags", "client", "X-Env", "dev")
                .statusCode();

        assertEquals(200, status);
        RecordedRequest received = upstream.takeRequest();
        assertEquals("/api/users/42", received.rawPath());
        assertEquals("page=2&source=gateway", received.rawQuery());
        assertNull(received.header("X-Debug"));
        assertNull(received.header("X-Client-Version"));
        assertEquals("2.1", received.header("X-Api-Version"));
        assertEquals("acme", received.header("X-Tenant"));
        assertEquals("turnpike", received.header("X-Gateway"));
        assertEquals(List.of("client", "edge"), received.headerValues("X-Tags"));
        assertEquals("production", received.header("X-Env"));
    }

    @Test
    void theDocumentedBareRequestReachesTheUpstreamAsDocumented() {
        assertEquals(200, gateway.get("/api/users").statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertEquals("/api/users", received.rawPath());
        assertEquals("source=gateway", received.rawQuery());
        assertEquals("turnpike", received.header("X-Gateway"));
        assertEquals(List.of("edge"), received.headerValues("X-Tags"));
        assertEquals("production", received.header("X-Env"));
        assertNull(received.header("X-Tenant"));
        assertNull(received.header("X-Api-Version"));
    }

    @Test
    void theDocumentedPathRewriteReachesTheUpstreamAsDocumented() {
        gateway.close();
        String example = DocExamples.yamlBlockContaining("plugins/request-transformer.md", "rewrite-path:")
                .replace("http://127.0.0.1:9001", upstream.url());
        gateway = TestGateway.start(example, dir.resolve("plugins"), dir);

        assertEquals(200, gateway.get("/v1/users/42/orders?page=2").statusCode());
        assertEquals(200, gateway.get("/v1/users/42").statusCode());

        RecordedRequest rewritten = upstream.takeRequest();
        assertEquals("/internal/orders/by-user/42", rewritten.rawPath());
        assertEquals("page=2", rewritten.rawQuery());
        assertEquals("/v1/users/42", upstream.takeRequest().rawPath());
    }

    private HttpResponse<String> postJson(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.post("/orders/new", body.getBytes(StandardCharsets.UTF_8), all);
    }

    private void startTheJsonExample(String... settings) {
        gateway.close();
        String example = DocExamples.yamlBlockContaining("plugins/request-transformer.md", "remove-json:")
                .replace("http://127.0.0.1:9001", upstream.url());
        for (int i = 0; i < settings.length; i += 2) {
            example = example.replace(settings[i], settings[i + 1]);
        }
        gateway = TestGateway.start(example, dir.resolve("plugins"), dir);
    }

    @Test
    void theDocumentedJsonBodyReachesTheUpstreamAsDocumented() {
        startTheJsonExample();

        assertEquals(200, postJson("{\"customer\": {\"name\": \"ada\", \"mail\": \"ada@example.com\", \"is-admin\": true},"
                + " \"debug\": true}").statusCode());

        RecordedRequest received = upstream.takeRequest();
        String edited = "{\"customer\":{\"name\":\"ada\",\"email\":\"ada@example.com\"},\"channel\":\"web\","
                + "\"schema-version\":2}";
        assertEquals(edited, new String(received.body(), StandardCharsets.UTF_8));
        assertEquals(Integer.toString(edited.length()), received.header("Content-Length"));
    }

    @Test
    void aJsonBodyTooLargeToEditIsRefusedRatherThanPassedOnUnedited() {
        startTheJsonExample("set-json: {schema-version: 2}", "set-json: {schema-version: 2}\n          max-body-size: 16");

        assertEquals(413, postJson("{\"customer\": {\"is-admin\": true}, \"debug\": true}").statusCode());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void otherBodiesStreamUntouched() {
        startTheJsonExample();

        assertEquals(200, gateway.post("/orders/new", "debug=true".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded").statusCode());
        assertEquals(200, postJson("{not json").statusCode());

        assertEquals("debug=true", new String(upstream.takeRequest().body(), StandardCharsets.UTF_8));
        assertEquals("{not json", new String(upstream.takeRequest().body(), StandardCharsets.UTF_8));
    }
}
