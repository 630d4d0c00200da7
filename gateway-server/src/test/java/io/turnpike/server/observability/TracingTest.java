package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.turnpike.server.testkit.OrdersRoute;
import io.turnpike.server.testkit.Ports;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing: the gateway continues the client's W3C trace, hands its own span to the upstream as the parent,
 * and pushes the spans it records over OTLP/HTTP to a collector on loopback.
 */
class TracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    @TempDir
    Path dir;

    private FakeCollector collector;
    private TestUpstream upstream;

    @BeforeEach
    void start() {
        collector = new FakeCollector();
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        collector.close();
        upstream.close();
    }

    private String config(String telemetry) {
        return telemetry + OrdersRoute.yaml(upstream.url());
    }

    private String tracedTo(String traces) {
        return config("""
                telemetry:
                  otlp: {endpoint: "%s", interval: 1h}
                  traces: %s
                """.formatted(collector.url(), traces));
    }

    /** Sends one request carrying these headers, stops the gateway (which pushes what it holds) and returns what the upstream got. */
    private RecordedRequest throughTheGateway(String yaml, String... headers) {
        try (TestGateway gateway = TestGateway.start(yaml, dir.resolve("plugins"), dir)) {
            assertEquals(200, gateway.get("/orders/7", headers).statusCode());
        }
        return upstream.takeRequest();
    }

    private static Matcher traceparent(RecordedRequest request) {
        String value = request.header("traceparent");
        Matcher matcher = TRACEPARENT.matcher(value == null ? "" : value);
        assertTrue(matcher.matches(), "traceparent sent upstream: " + value);
        return matcher;
    }

    private boolean pushedTrace(String traceId) {
        byte[] id = HexFormat.of().parseHex(traceId);
        return collector.pushesTo("/v1/traces").stream().anyMatch(push -> indexOf(push.body(), id) >= 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void clientsSampledTraceIsContinuedWithTheGatewaysSpanAsTheUpstreamsParent() {
        RecordedRequest seen = throughTheGateway(tracedTo("{sample-ratio: 0}"),
                "traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01");

        Matcher sent = traceparent(seen);
        assertEquals(TRACE_ID, sent.group(1), "the same trace");
        assertNotEquals(CLIENT_SPAN, sent.group(2), "the gateway's own span is the parent");
        assertEquals("01", sent.group(3), "the client sampled it, so the gateway follows, whatever its own ratio");
        assertTrue(pushedTrace(TRACE_ID), "the gateway's span was pushed to the collector");
        String pushed = collector.text("/v1/traces");
        assertTrue(pushed.contains("GET orders") && pushed.contains("turnpike.route"), "named by method and route");
    }

    @Test
    void clientsUnsampledTraceIsFollowedAndNotRecorded() {
        RecordedRequest seen = throughTheGateway(tracedTo("{sample-ratio: 1}"),
                "traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-00");

        Matcher sent = traceparent(seen);
        assertEquals(TRACE_ID, sent.group(1));
        assertEquals("00", sent.group(3));
        assertFalse(pushedTrace(TRACE_ID));
    }

    @Test
    void requestWithoutATraceStartsOneAtTheSampleRatio() {
        Matcher sent = traceparent(throughTheGateway(tracedTo("{sample-ratio: 1}")));

        // flags: sampled (0x01), and here also W3C level 2's "random trace id" (0x02)
        assertEquals(1, Integer.parseInt(sent.group(3), 16) & 1, "sampled: " + sent.group());
        assertTrue(pushedTrace(sent.group(1)));
    }

    @Test
    void withoutTelemetryTheClientsTraceHeadersPassThroughUnchanged() {
        String client = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";

        RecordedRequest seen = throughTheGateway(config(""), "traceparent", client, "tracestate", "vendor=1");

        assertEquals(client, seen.header("traceparent"));
        assertEquals("vendor=1", seen.header("tracestate"));
    }

    @Test
    void disabledTracesLeaveTheClientsTraceHeadersAlone() {
        String client = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";

        RecordedRequest seen = throughTheGateway(tracedTo("{enabled: false}"), "traceparent", client);

        assertEquals(client, seen.header("traceparent"));
        assertTrue(collector.pushesTo("/v1/traces").isEmpty());
    }

    @Test
    void eachTryUpstreamIsAClientSpanUnderTheRequestsSpanAndTheUpstreamsParent() {
        Matcher sent = traceparent(throughTheGateway(tracedTo("{sample-ratio: 1}")));

        Span server = onlySpan(Span.SpanKind.SPAN_KIND_SERVER);
        Span client = onlySpan(Span.SpanKind.SPAN_KIND_CLIENT);
        assertEquals(server.getSpanId(), client.getParentSpanId(), "the try is a child of the request's span");
        assertEquals(sent.group(2), hex(client.getSpanId()), "the upstream's parent is the try's span");
        assertEquals("GET", client.getName());
        assertEquals("200", attribute(client, "http.response.status_code"));
        assertEquals("127.0.0.1", attribute(client, "server.address"));
        assertEquals(upstream.url() + "/orders/7", attribute(client, "url.full"));
        assertEquals("", attribute(client, "http.request.resend_count"), "a first try is no resend");
    }

    @Test
    void aRetriedRequestHasAClientSpanForEveryTryWithItsResendCountAndError() {
        String yaml = tracedTo("{sample-ratio: 1}").replace("targets: [{url: \"%s\"}]".formatted(upstream.url()),
                "targets: [{url: \"%s\"}, {url: \"%s\"}]\n    retries: {max-retries: 1}"
                        .formatted(Ports.refusingUrl(), upstream.url()));

        try (TestGateway gateway = TestGateway.start(yaml, dir.resolve("plugins"), dir)) {
            // round robin starts with the first target, which refuses: the retry goes to the second
            assertEquals(200, gateway.get("/orders/7").statusCode());
        }

        List<Span> tries = collector.spans().stream().filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT).toList();
        assertEquals(2, tries.size(), tries::toString);
        Span refused = tries.stream().filter(span -> attribute(span, "error.type").equals("connect")).findFirst().orElseThrow();
        Span retried = tries.stream().filter(span -> attribute(span, "http.request.resend_count").equals("1")).findFirst().orElseThrow();
        assertEquals(refused.getParentSpanId(), retried.getParentSpanId(), "both tries of one request");
        assertEquals(Status.StatusCode.STATUS_CODE_ERROR, refused.getStatus().getCode());
        assertEquals("200", attribute(retried, "http.response.status_code"));
        assertEquals(Status.StatusCode.STATUS_CODE_UNSET, retried.getStatus().getCode());
    }

    private Span onlySpan(Span.SpanKind kind) {
        List<Span> spans = collector.spans().stream().filter(span -> span.getKind() == kind).toList();
        assertEquals(1, spans.size(), spans::toString);
        return spans.getFirst();
    }

    /** @return the attribute's value as text, or empty when the span has none of that name */
    private static String attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(attribute -> attribute.getKey().equals(key)).findFirst()
                .map(KeyValue::getValue)
                .map(value -> value.hasIntValue() ? Long.toString(value.getIntValue()) : value.getStringValue())
                .orElse("");
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
