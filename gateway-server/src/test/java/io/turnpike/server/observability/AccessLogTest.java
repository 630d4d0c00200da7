package io.turnpike.server.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.turnpike.server.testkit.CapturedWarnings;
import io.turnpike.server.testkit.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access log's line format and its bounded queue. */
class AccessLogTest {

    private static final long AT = Instant.parse("2026-11-30T14:49:43.120Z").toEpochMilli();

    private static CompletedRequest entry(String path, String route, String upstream, String consumer) throws Exception {
        return new CompletedRequest(AT, "4f2a9c", InetAddress.getByName("10.0.0.7"), "GET", path, 200, 102,
                1_420_500, route, upstream, upstream == null ? -1 : 1_100_000, consumer, null);
    }

    private static String rendered(CompletedRequest entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog.render(entry, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void proxiedRequestIsOneJsonLineWithItsRouteUpstreamAndConsumer() throws Exception {
        assertEquals("{\"time\":\"2026-11-30T14:49:43.120Z\",\"request-id\":\"4f2a9c\",\"client\":\"10.0.0.7\","
                        + "\"method\":\"GET\",\"path\":\"/api/users/42\",\"status\":200,\"bytes\":102,\"duration-ms\":1.421,"
                        + "\"route\":\"users\",\"upstream\":\"http://10.0.0.5:8080\",\"upstream-ms\":1.1,"
                        + "\"consumer\":\"alice\"}\n",
                rendered(entry("/api/users/42", "users", "http://10.0.0.5:8080", "alice")));
    }

    @Test
    void requestThatMatchedNoRouteHasNoRouteOrUpstream() throws Exception {
        assertEquals("{\"time\":\"2026-11-30T14:49:43.120Z\",\"request-id\":\"4f2a9c\",\"client\":\"10.0.0.7\","
                        + "\"method\":\"GET\",\"path\":\"/nowhere\",\"status\":200,\"bytes\":102,\"duration-ms\":1.421}\n",
                rendered(entry("/nowhere", null, null, null)));
    }

    @Test
    void aGrpcCallHasItsGrpcStatus() throws Exception {
        CompletedRequest call = new CompletedRequest(AT, "r", InetAddress.getByName("10.0.0.7"), "POST",
                "/shop.v1.Orders/GetOrder", 200, 0, 5_000, "orders", "http://10.0.0.5:50051", 4_000, null, "5");

        assertTrue(rendered(call).endsWith(",\"grpc-status\":\"5\"}\n"), rendered(call));
    }

    @Test
    void answerCutShortIsMarkedAbortedInsteadOfABodySize() throws Exception {
        CompletedRequest cut = new CompletedRequest(AT, "r", InetAddress.getByName("::1"), "GET", "/big", 200, -1, 5_000, "r",
                null, -1, null, null);

        String line = rendered(cut);

        assertTrue(line.contains("\"client\":\"0:0:0:0:0:0:0:1\""), line);
        assertTrue(line.contains("\"status\":200,\"aborted\":true,"), line);
    }

    @Test
    void controlCharactersInAPathAreEscapedSoALineStaysOneLine() throws Exception {
        String line = rendered(entry("/a\n{\"forged\":true}", null, null, null));

        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("\"path\":\"/a\\n{\\\"forged\\\":true}\""), line);
    }

    private CapturedWarnings warnings;

    @BeforeEach
    void captureWarnings() {
        warnings = CapturedWarnings.of(AccessLog.class);
    }

    @AfterEach
    void stopCapturing() {
        warnings.close();
    }

    @Test
    void entriesPastAFullQueueAreDroppedAndCountedWithoutBlocking() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        try (AccessLog log = AccessLog.start(slow, 1)) {
            log.requestEnded(entry("/1", null, null, null));
            assertTrue(writing.await(10, TimeUnit.SECONDS), "the writer took the first entry and is stuck writing it");

            log.requestEnded(entry("/2", null, null, null));   // waits in the queue of one
            log.requestEnded(entry("/3", null, null, null));   // no room: dropped
            log.requestEnded(entry("/4", null, null, null));   // no room: dropped

            assertEquals(2, log.dropped());
            assertEquals(1, warnings.messages().size(), "reported at once, though the writer is stuck; then not for 10 s");
            assertTrue(warnings.messages().getFirst().contains("lines dropped"), warnings.messages().toString());
            release.countDown();
            Eventually.await("the queued entry is written", () -> written.toString(StandardCharsets.UTF_8).contains("/2"));
        }
        String lines = written.toString(StandardCharsets.UTF_8);
        assertEquals(2, lines.lines().count(), lines);
    }

    @Test
    void closeWritesWhatIsStillQueued() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        AccessLog log = AccessLog.start(written, 100);
        for (int i = 0; i < 50; i++) {
            log.requestEnded(entry("/" + i, null, null, null));
        }

        log.close();

        assertEquals(50, written.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void offLogWritesNothingAndCountsNothing() throws Exception {
        AccessLog off = AccessLog.off();
        off.requestEnded(entry("/x", null, null, null));

        assertEquals(0, off.dropped());
    }
}
