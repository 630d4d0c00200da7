package io.turnpike.plugins.httplog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.server.testkit.CapturedWarnings;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.Ports;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TestUpstream.Reply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/http-log.md through the real gateway with the packaged jar, in front of a real
 * upstream and a real collector on loopback: the assertions are the page's prose and tables.
 */
class HttpLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTOR_URL = "http://127.0.0.1:9880/logs";

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream upstream = TestUpstream.replying(request -> Reply.text(200, "order 7, two items."));
    @AutoClose
    private TestUpstream collector = TestUpstream.replying(request -> Reply.text(200, ""));
    @AutoClose
    private TestGateway gateway;

    /** The documented config, sending to the given collector, with the given settings changed. */
    private void startSendingTo(String collectorUrl, String... settings) {
        String yaml = "telemetry: {prometheus: {enabled: true}}\n" + DocExamples.firstYamlBlock("plugins/http-log.md")
                .replace("http://127.0.0.1:9001", upstream.url()).replace(COLLECTOR_URL, collectorUrl);
        for (int i = 0; i < settings.length; i += 2) {
            yaml = yaml.replace(settings[i], settings[i + 1]);
        }
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir, Map.of("LOG_TOKEN", "s3cret"));
    }

    private void start(String... settings) {
        startSendingTo(collector.url() + "/logs", settings);
    }

    private static List<JsonNode> lines(RecordedRequest batch) {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : new String(batch.body(), StandardCharsets.UTF_8).split("\n")) {
            entries.add(read(line));
        }
        return entries;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private long metric(String name) {
        return gateway.metricSum("turnpike_plugin_http_log_" + name + "_total", "turnpike_route=\"orders\"");
    }

    @Test
    void theDocumentedEntryReachesTheCollectorAsOneNdjsonLine() {
        start();

        HttpResponse<String> response = gateway.get("/orders/7?expand=items", "User-Agent", "curl/8.5.0");

        RecordedRequest batch = collector.takeRequest();
        assertEquals("POST", batch.method());
        assertEquals("/logs", batch.rawPath());
        assertEquals("application/x-ndjson", batch.header("Content-Type"));
        assertEquals("Bearer s3cret", batch.header("Authorization"));
        List<JsonNode> entries = lines(batch);
        assertEquals(1, entries.size());
        JsonNode entry = entries.getFirst();
        assertEquals(upstream.takeRequest().header("X-Request-Id"), entry.path("request-id").asText(),
                "the id the upstream was given");
        assertEquals("127.0.0.1", entry.path("client").asText());
        assertEquals("GET", entry.path("method").asText());
        assertEquals("/orders/7", entry.path("path").asText());
        assertTrue(entry.path("query").isMissingNode(), "the query is never logged: " + entry);
        assertEquals(200, entry.path("status").asInt());
        assertEquals(response.body().length(), entry.path("bytes").asLong());
        assertTrue(entry.path("duration-ms").asDouble() > 0, entry.toString());
        assertEquals("orders", entry.path("route").asText());
        assertTrue(entry.path("consumer").isMissingNode(), "no consumer on this route: " + entry);
        assertEquals("curl/8.5.0", entry.path("user-agent").asText());
        assertEquals("production", entry.path("env").asText());
        assertTrue(entry.path("time").asText().endsWith("Z"), entry.toString());
        Eventually.await("the entry counted as sent", () -> metric("entries_sent") == 1);
    }

    @Test
    void aFullBatchGoesAtOnceAsOneJsonArray() {
        start("format: ndjson", "format: json\n        batch-size: 5\n        flush-interval: 1m");

        for (int i = 0; i < 5; i++) {
            assertEquals(200, gateway.get("/orders/" + i).statusCode());
        }

        RecordedRequest batch = collector.takeRequest();
        assertEquals("application/json", batch.header("Content-Type"));
        JsonNode entries = read(new String(batch.body(), StandardCharsets.UTF_8));
        assertEquals(5, entries.size(), entries.toString());
        List<String> paths = new ArrayList<>();
        entries.forEach(entry -> paths.add(entry.path("path").asText()));
        assertEquals(List.of("/orders/0", "/orders/1", "/orders/2", "/orders/3", "/orders/4"), paths);
    }

    @Test
    void whatIsQueuedIsSentWhenTheGatewayStops() {
        start("format: ndjson", "format: ndjson\n        flush-interval: 1m");
        for (int i = 0; i < 3; i++) {
            gateway.get("/orders/" + i);
        }

        gateway.close();

        assertEquals(3, lines(collector.takeRequest()).size(), "the three entries, sent at the stop");
    }

    @Test
    void theUpstreamsFailureIsLoggedWithTheStatusTheClientGot() {
        TestUpstream failing = TestUpstream.replying(request -> Reply.text(503, "down"));
        try (failing) {
            startSendingTo(collector.url() + "/logs", upstream.url(), failing.url());
            // fails fast: no retry of a 503 here, as it is not listed in on-statuses
            assertEquals(503, gateway.get("/orders/1").statusCode());

            assertEquals(503, lines(collector.takeRequest()).getFirst().path("status").asInt());
        }
    }

    @Test
    void aBatchTheCollectorFailsIsSentAgainUntilItIsTaken() {
        AtomicInteger calls = new AtomicInteger();
        collector.close();
        collector = TestUpstream.replying(request -> Reply.text(calls.incrementAndGet() == 1 ? 503 : 200, ""));
        start();

        gateway.get("/orders/1");

        RecordedRequest first = collector.takeRequest();
        RecordedRequest second = collector.takeRequest();
        assertEquals(new String(first.body(), StandardCharsets.UTF_8), new String(second.body(), StandardCharsets.UTF_8));
        Eventually.await("the entry counted as sent once", () -> metric("entries_sent") == 1);
        assertEquals(0, metric("entries_dropped"));
    }

    @Test
    void aCollectorThatIsDownCostsNoRequestAndItsEntriesAreDroppedWithAWarning() {
        try (CapturedWarnings warnings = CapturedWarnings.of("io.turnpike.plugin.http-log")) {
            startSendingTo(Ports.refusingUrl() + "/logs", "format: ndjson", "format: ndjson\n        max-retries: 0\n"
                    + "        flush-interval: 10ms");

            for (int i = 0; i < 3; i++) {
                assertEquals(200, gateway.get("/orders/" + i).statusCode());
            }

            Eventually.await("the three entries dropped", () -> metric("entries_dropped") == 3);
            assertEquals(0, metric("entries_sent"));
            assertTrue(warnings.messages().getFirst().contains("cannot connect"), warnings.messages().toString());
        }
    }

    @Test
    void aRefusedBatchIsNotSentAgain() {
        collector.close();
        collector = TestUpstream.replying(request -> Reply.text(400, "bad"));
        start();

        gateway.get("/orders/1");

        collector.takeRequest();
        Eventually.await("the entry dropped", () -> metric("entries_dropped") == 1);
        assertEquals(1, collector.requestCount(), "a 400 is not tried again");
    }

    @Test
    void theQueueIsBoundedAndWhatOverflowsIsCounted() {
        CountDownLatch release = new CountDownLatch(1);
        collector.close();
        collector = TestUpstream.replying(request -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.text(200, "");
        });
        start("format: ndjson", "format: ndjson\n        batch-size: 1\n        queue-size: 2\n"
                + "        flush-interval: 10ms\n        timeout: 30s");

        gateway.get("/orders/0");
        Eventually.await("the first batch held at the collector", () -> collector.requestCount() == 1);
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, gateway.get("/orders/" + i).statusCode());
        }
        release.countDown();

        Eventually.await("two queued, three dropped", () -> metric("entries_dropped") == 3);
        Eventually.await("the rest sent", () -> metric("entries_sent") == 3);
    }
}
