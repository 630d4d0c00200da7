package io.turnpike.plugins.faultinjection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/fault-injection.md through the real gateway with the packaged jar, in front of a
 * real upstream that counts what reaches it. The example's random shares are set to 0 or 100 where a test needs
 * a certain outcome; the assertions are the page's prose.
 */
class FaultInjectionIT {

    private static final String ORDERS = "turnpike_route=\"orders\"";
    private static final String PAYMENTS = "turnpike_route=\"payments\"";

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream upstream = TestUpstream.ok();
    @AutoClose
    private TestGateway gateway;

    /** The example, both upstreams this one, with each pair of texts replaced: a setting and its new value. */
    private void startTheExample(String... settings) {
        String yaml = "telemetry: {prometheus: {enabled: true}}\n"
                + DocExamples.firstYamlBlock("plugins/fault-injection.md")
                        .replace("http://127.0.0.1:9001", upstream.url())
                        .replace("http://127.0.0.1:9002", upstream.url());
        for (int i = 0; i < settings.length; i += 2) {
            assertTrue(yaml.contains(settings[i]), "the example has " + settings[i]);
            yaml = yaml.replace(settings[i], settings[i + 1]);
        }
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    private long count(String counter, String route) {
        return gateway.metricSum("turnpike_plugin_fault_injection_" + counter + "_total", route);
    }

    @Test
    void anAbortOfEveryRequestIsTheInjectedProblemAndTheUpstreamIsNotCalled() {
        startTheExample("percentage: 10", "percentage: 0", "percentage: 5", "percentage: 100");

        HttpResponse<String> response = gateway.get("/orders/7");

        assertEquals(503, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().startsWith("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
                + "\"status\":503,\"detail\":\"This answer is a fault the gateway injected for testing; the upstream"
                + " was not called.\",\"instance\":\"urn:request:"), response.body());
        assertEquals(0, upstream.requestCount());
        assertEquals(1, count("aborted", ORDERS));
        assertEquals(0, count("delayed", ORDERS));
    }

    @Test
    void atZeroPercentNoRequestMeetsAFault() {
        startTheExample("percentage: 10", "percentage: 0", "percentage: 5", "percentage: 0");

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = gateway.get("/orders/" + i);
            assertEquals(200, response.statusCode());
            assertEquals("hello from upstream", response.body());
        }

        assertEquals(20, upstream.requestCount());
        assertEquals(0, count("aborted", ORDERS));
        assertEquals(0, count("delayed", ORDERS));
    }

    /** Only a lower bound on the time: the wait comes before the upstream is called, inside the client's call. */
    @Test
    void aDelayedRequestWaitsThenReachesTheUpstream() {
        startTheExample("duration: 2s", "duration: 300ms", "percentage: 10", "percentage: 100",
                "percentage: 5", "percentage: 0");

        long began = System.nanoTime();
        HttpResponse<String> response = gateway.get("/orders/7");
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertEquals(200, response.statusCode());
        assertEquals("hello from upstream", response.body());
        assertEquals(1, upstream.requestCount());
        assertEquals(1, count("delayed", ORDERS));
        assertEquals(0, count("aborted", ORDERS));
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0, "waited the delay out: " + took);
    }

    @Test
    void aRequestDrawnForBothIsDelayedThenAborted() {
        startTheExample("duration: 2s", "duration: 100ms", "percentage: 10", "percentage: 100",
                "percentage: 5", "percentage: 100");

        assertEquals(503, gateway.get("/orders/7").statusCode());
        assertEquals(0, upstream.requestCount());
        assertEquals(1, count("delayed", ORDERS));
        assertEquals(1, count("aborted", ORDERS));
    }

    @Test
    void theTriggeredAbortAnswersItsBodyToRequestsCarryingTheTriggerOnly() {
        startTheExample();

        HttpResponse<String> byHeader = gateway.get("/payments/pay_123", "X-Fault", "1");
        HttpResponse<String> byQuery = gateway.get("/payments/pay_123?X-Fault");
        assertEquals(0, upstream.requestCount());
        HttpResponse<String> without = gateway.get("/payments/pay_123");

        assertEquals(500, byHeader.statusCode());
        assertEquals("application/json", byHeader.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"error\": \"card network unavailable\"}", byHeader.body());
        assertEquals(500, byQuery.statusCode());
        assertEquals(byHeader.body(), byQuery.body());
        assertEquals(200, without.statusCode());
        assertEquals("hello from upstream", without.body());
        assertEquals(1, upstream.requestCount());
        assertEquals(2, count("aborted", PAYMENTS));
    }
}
