package io.turnpike.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.plugins.TestPluginJars;
import io.turnpike.server.plugins.testplugins.EchoPlugin;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /reload}: a valid file serves at once; a refused one changes nothing.
 */
class ReloadTest {

    private static final String CONFIG = """
            upstreams:
              backend:
                targets:
                  - url: %s
            routes:
            %s
            """;
    private static final String ROUTE_A = """
              - id: a
                match: {path: /a}
                upstream: backend
            """;
    private static final String ROUTE_B = """
              - id: b
                match: {path: /b}
                upstream: backend
            """;

    @TempDir
    Path dir;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.handling(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/a") && "hold".equals(exchange.getRequestURI().getQuery())) {
                arrived.countDown();
                await(release);
            }
            byte[] body = ("served " + exchange.getRequestURI().getPath()).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway = TestGateway.start(CONFIG.formatted(upstream.url(), ROUTE_A), dir.resolve("plugins"), dir);
    }

    @AfterEach
    void stop() {
        release.countDown();
        gateway.close();
        upstream.close();
    }

    private HttpResponse<String> reload(String routes) throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), CONFIG.formatted(upstream.url(), routes));
        return gateway.reload();
    }

    @Test
    void aValidFileServesItsNewRoutesAtOnce() throws Exception {
        assertEquals(404, gateway.get("/b").statusCode());

        HttpResponse<String> reloaded = reload(ROUTE_A + ROUTE_B);

        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertTrue(reloaded.body().contains("\"routes\":2"), reloaded.body());
        assertEquals("served /b", gateway.get("/b").body());
        assertEquals("served /a", gateway.get("/a").body());
    }

    @Test
    void aRefusedFileKeepsTheRunningConfigurationServing() throws Exception {
        HttpResponse<String> refused = reload(ROUTE_A.replace("upstream: backend", "upstream: nowhere"));

        assertEquals(400, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(refused.body().contains("routes[0].upstream"), refused.body());
        assertEquals("served /a", gateway.get("/a").body());
    }

    @Test
    void aRefusedFileListsThePluginChecksErrorsBesideItsOwn() throws Exception {
        HttpResponse<String> refused = reload(ROUTE_A.replace("upstream: backend", "upstream: nowhere")
                + "    plugins: [{name: key-auth}]\n");

        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("routes[0].upstream"), refused.body());
        assertTrue(refused.body().contains("routes[0].plugins[0].name: no loaded plugin is named 'key-auth'"), refused.body());
        assertEquals("served /a", gateway.get("/a").body());
    }

    @Test
    void aPluginJarDroppedIntoThePluginsFolderServesAfterAReload() throws Exception {
        // the folder did not even exist at start
        Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir.resolve("plugins"), "echo.jar");

        HttpResponse<String> reloaded = reload(ROUTE_A + "    plugins: [{name: echo, config: {tag: new}}]\n");

        assertEquals(200, reloaded.statusCode(), reloaded.body());
        // (server and admin are always named here: TestGateway moves them to free ports)
        assertTrue(!reloaded.body().contains("\"plugins\""), reloaded.body());
        assertEquals("new", gateway.get("/a").headers().firstValue("X-Echo-Tag").orElseThrow());
    }

    @Test
    void aLoadedPluginJarRewrittenInPlaceIsNamedForARestart() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Path jar = TestPluginJars.plugin("echo-plugin").extensions(EchoPlugin.class).writeTo(dir.resolve("plugins"), "echo.jar");
        reload(ROUTE_A + "    plugins: [{name: echo}]\n");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));

        HttpResponse<String> reloaded = reload(ROUTE_A + "    plugins: [{name: echo}]\n");

        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertTrue(reloaded.body().contains("\"plugins\""), reloaded.body());
        assertEquals("echo", gateway.get("/a").headers().firstValue("X-Echo-Plugin").orElseThrow(), "the loaded one serves");
    }

    @Test
    void aRequestInFlightFinishesOnTheConfigurationItStartedWith() throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> gateway.get("/a?hold"));
        assertTrue(arrived.await(10, TimeUnit.SECONDS));

        assertEquals(200, reload(ROUTE_B).statusCode());
        assertEquals(404, gateway.get("/a").statusCode());
        release.countDown();

        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("served /a", finished.body());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void changedTelemetryIsNamedForARestartWhileTheRoutesApplyAtOnce() throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), CONFIG.formatted(upstream.url(), ROUTE_B)
                + "telemetry: {otlp: {endpoint: 'http://127.0.0.1:9'}}\n");

        HttpResponse<String> response = gateway.reload();

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"restart-needed\":[") && response.body().contains("\"telemetry\""),
                response.body());
        assertEquals("served /b", gateway.get("/b").body());
    }

    @Test
    void unchangedTelemetryIsNotNamedForARestart() throws Exception {
        HttpResponse<String> response = reload(ROUTE_B);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(!response.body().contains("telemetry"), response.body());
    }
}
