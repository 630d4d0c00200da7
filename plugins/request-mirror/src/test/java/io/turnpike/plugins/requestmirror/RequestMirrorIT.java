package io.turnpike.plugins.requestmirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpHandler;
import io.turnpike.server.testkit.CapturedWarnings;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.Ports;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/request-mirror.md through the real gateway with the packaged jar: what the
 * mirror gets, and that neither a slow, a hung nor a missing mirror reaches the client.
 */
class RequestMirrorIT {

    @TempDir
    Path dir;

    @AutoClose
    private TestUpstream upstream;
    @AutoClose
    private TestUpstream mirror;
    @AutoClose
    private TestGateway gateway;

    /** The documented route, with every request copied and the given settings changed. */
    private void start(String mirrorUrl, String... settings) {
        String yaml = DocExamples.firstYamlBlock("plugins/request-mirror.md")
                .replace("http://127.0.0.1:9001", upstream.url())
                .replace("http://127.0.0.1:9002", mirrorUrl)
                .replace("sample-ratio: 0.25", "sample-ratio: 1");
        for (int i = 0; i < settings.length; i += 2) {
            yaml = yaml.replace(settings[i], settings[i + 1]);
        }
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    /** A mirror that counts each copy as it arrives and holds it until released, then answers 204. */
    private static HttpHandler holding(CountDownLatch release, AtomicInteger arrived) {
        return exchange -> {
            arrived.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        };
    }

    /** An upstream that reads each body whole and answers with its length. */
    private static HttpHandler counting(AtomicLong lastLength) {
        return exchange -> {
            long length;
            try (InputStream in = exchange.getRequestBody()) {
                length = in.transferTo(OutputStream.nullOutputStream());
            }
            lastLength.set(length);
            byte[] answer = ("read " + length).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        };
    }

    @Test
    void theMirrorGetsTheRequestAsTheUpstreamDoesAndTheClientTheUpstreamsAnswer() {
        upstream = TestUpstream.ok();
        mirror = TestUpstream.replying(request -> TestUpstream.Reply.text(500, "the mirror's answer"));
        start(mirror.url());
        byte[] body = "{\"item\":\"widget\",\"count\":2}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = gateway.post("/api/orders?dry=1", body, "Content-Type", "application/json",
                "X-Tenant", "acme");

        assertEquals(200, response.statusCode());
        assertEquals("hello from upstream", response.body());
        RecordedRequest copy = mirror.takeRequest();
        assertEquals("POST", copy.method());
        assertEquals("/api/orders", copy.rawPath());
        assertEquals("dry=1", copy.rawQuery());
        assertEquals("acme", copy.header("X-Tenant"));
        assertEquals("application/json", copy.header("Content-Type"));
        assertArrayEquals(body, copy.body());
        assertArrayEquals(body, upstream.takeRequest().body());
    }

    @Test
    void aHungMirrorHoldsNoClient() throws Exception {
        upstream = TestUpstream.ok();
        CountDownLatch release = new CountDownLatch(1);
        mirror = TestUpstream.handling(holding(release, new AtomicInteger()));
        start(mirror.url());

        for (int i = 0; i < 3; i++) {
            assertEquals(200, gateway.post("/api/orders", new byte[0]).statusCode(), "answered while the mirror hangs");
        }
        Eventually.await("the copies reached the mirror", () -> mirror.requestCount() == 3);
        release.countDown();
    }

    @Test
    void pastMaxConcurrentRequestsAreNotCopied() throws Exception {
        upstream = TestUpstream.ok();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger copies = new AtomicInteger();
        mirror = TestUpstream.handling(holding(release, copies));
        start(mirror.url(), "max-concurrent: 50", "max-concurrent: 2",
                "routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:");

        for (int i = 0; i < 5; i++) {
            assertEquals(200, gateway.post("/api/orders", new byte[0]).statusCode());
        }
        Eventually.await("two copies are held by the mirror", () -> copies.get() == 2);
        assertEquals(3, gateway.metricSum("turnpike_plugin_request_mirror_copies_dropped_total",
                "turnpike_route=\"orders\""));
        release.countDown();

        // the slots come free as the held copies' answers arrive, which the test cannot be told of
        Eventually.await("once the held copies are answered, requests are copied again", () -> {
            assertEquals(200, gateway.post("/api/orders", new byte[0]).statusCode());
            return copies.get() > 2;
        });
    }

    @Test
    void aMissingMirrorIsLoggedOnceAndNoClientNotices() {
        upstream = TestUpstream.ok();
        try (CapturedWarnings warnings = CapturedWarnings.of("io.turnpike.plugin.request-mirror")) {
            start(Ports.refusingUrl(), "routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:");

            for (int i = 0; i < 3; i++) {
                assertEquals(200, gateway.post("/api/orders", new byte[0]).statusCode());
            }
            Eventually.await("each failed copy is counted", () -> gateway.metricSum(
                    "turnpike_plugin_request_mirror_copies_failed_total", "turnpike_route=\"orders\"") == 3);

            Eventually.await("the failure is logged", () -> !warnings.messages().isEmpty());
            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
            assertTrue(warnings.messages().getFirst().contains("failed"), warnings.messages().getFirst());
        }
    }

    @Test
    void aBodyOverMaxBodySizeReachesTheUpstreamWholeAndIsNotCopied() {
        AtomicLong upstreamRead = new AtomicLong();
        upstream = TestUpstream.handling(counting(upstreamRead));
        mirror = TestUpstream.ok();
        start(mirror.url(), "max-concurrent: 50", "max-concurrent: 50\n          max-body-size: 1000");
        byte[] large = new byte[5000];

        HttpResponse<String> announced = gateway.post("/api/orders", large);
        HttpResponse<String> chunked = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))).build());
        HttpResponse<String> small = gateway.post("/api/orders", new byte[1000]);

        assertEquals("read 5000", announced.body());
        assertEquals("read 5000", chunked.body(), "a body found too large while read is sent on whole");
        assertEquals("read 1000", small.body());
        Eventually.await("the small one is copied", () -> mirror.requestCount() == 1);
        assertEquals(1000, mirror.takeRequest().body().length);
    }
}
