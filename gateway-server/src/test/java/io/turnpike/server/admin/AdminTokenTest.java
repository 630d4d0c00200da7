package io.turnpike.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.plugins.TestPluginJars;
import io.turnpike.server.plugins.testplugins.CounterPlugin;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin.token} over {@code admin.tls}, as the example of docs/configuration.md sets them: every admin
 * request but health carries the token, plugins' endpoints included.
 */
class AdminTokenTest {

    private static final String TOKEN = "s3cr3t-admin-token-0123456789";

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;
    private HttpClient https;

    @BeforeEach
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("counter-plugin").extensions(CounterPlugin.class).writeTo(plugins, "counter.jar");
        upstream = TestUpstream.ok();
        TlsClients.copyFixtures(dir);
        https = TlsClients.trusting(dir, null).build();
        // the example of docs/configuration.md, whose 0.0.0.0 the test kit narrows to loopback, with the test's
        // certificate for 127.0.0.1 in place of the example's files
        String admin = DocExamples.yamlBlockContaining("configuration.md", "token: ${TURNPIKE_ADMIN_TOKEN}")
                .replace("/etc/turnpike/tls/admin.pem", "renewed.pem")
                .replace("/etc/turnpike/tls/admin.key", "renewed.key");
        gateway = TestGateway.start(admin + routes(), plugins, dir, Map.of("TURNPIKE_ADMIN_TOKEN", TOKEN));
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private String routes() {
        return """
                upstreams:
                  backend:
                    targets:
                      - url: %s
                routes:
                  - id: counted
                    match: {path: /**}
                    upstream: backend
                    plugins:
                      - name: counter
                """.formatted(upstream.url());
    }

    private HttpResponse<String> admin(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + gateway.gateway().adminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the admin listener did not answer over TLS", e);
        }
    }

    @Test
    void healthAsksForNoTokenSoProbesNeedNoSecret() {
        assertEquals(200, admin("GET", "/health").statusCode());
    }

    @Test
    void requestWithoutTheTokenIsRefusedWithABearerChallenge() {
        HttpResponse<String> response = admin("GET", "/routes");

        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"turnpike-admin\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(response.body().contains(TOKEN));
    }

    @Test
    void wrongTokenIsRefused() {
        assertEquals(401, admin("GET", "/upstreams", "Authorization", "Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, admin("GET", "/upstreams", "Authorization", "Basic " + TOKEN).statusCode());
    }

    @Test
    void theTokenOpensTheGatewaysEndpoints() {
        String[] bearer = {"Authorization", "Bearer " + TOKEN};

        assertEquals(200, admin("GET", "/routes", bearer).statusCode());
        assertEquals(200, admin("GET", "/upstreams", bearer).statusCode());
        assertEquals(200, admin("POST", "/reload", bearer).statusCode());
    }

    @Test
    void pluginsEndpointsAskForTheTokenToo() {
        gateway.get("/a");

        assertEquals(401, admin("DELETE", "/counts").statusCode());
        assertEquals("{\"count\": 1}", admin("GET", "/counts/counted", "Authorization", "Bearer " + TOKEN).body(),
                "the refused DELETE did not reach the plugin");
        assertEquals(200, admin("DELETE", "/counts", "authorization", "bearer " + TOKEN).statusCode());
    }

    @Test
    void shortTokenIsAConfigErrorThatDoesNotPrintIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TestGateway.start("admin: {token: short-secret}\n" + routes(), dir.resolve("plugins"), dir));

        assertEquals(List.of("admin.token: must be at least 16 characters; generate one, such as with: "
                + "openssl rand -base64 32"), e.errors());
    }
}
