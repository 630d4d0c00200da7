package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.WebServer;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TcpRelay;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ordinary (not gRPC) HTTP/2 upstream: uploads that arrive whole or cut short, and answers that stream
 * without trailers.
 */
class Http2UpstreamTest {

    /** Larger than the gateway sends in one write, so that the answer streams to the client too. */
    private static final int STREAMED = 100_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final int SLOW_PARTS = 6;

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private final BlockingQueue<String> upstreamSaw = new LinkedBlockingQueue<>();
    private final CountDownLatch uploadBegun = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private WebServer upstream;
    private TcpRelay relay;
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        upstream = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/stream", (req, res) -> {
                    // no length: the answer streams, and ends without trailers
                    try (var out = res.outputStream()) {
                        out.write(new byte[STREAMED]);
                    }
                }).get("/slow", (req, res) -> {
                    // each silence shorter than the read timeout, the whole longer
                    try (var out = res.outputStream()) {
                        for (int i = 0; i < SLOW_PARTS; i++) {
                            out.write(("part " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Thread.sleep(READ_TIMEOUT.dividedBy(4));
                        }
                    }
                }).get("/stalls", (req, res) -> {
                    try (var out = res.outputStream()) {
                        out.write("begun\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        // silent far past the read timeout, until the test ends
                        released.await();
                    }
                }).post("/unread", (req, res) -> {
                    // takes none of the upload, and so gives no flow-control window to send more in
                    released.await();
                    res.send("too late");
                }).post("/*", (req, res) -> {
                    uploadBegun.countDown();
                    try (InputStream in = req.content().inputStream()) {
                        upstreamSaw.add("complete " + in.readAllBytes().length);
                    } catch (Exception e) {
                        upstreamSaw.add("cut short");
                    }
                    res.send("ok");
                }))
                .build()
                .start();
        relay = TcpRelay.to(upstream.port());
        gateway = TestGateway.start(config("/up"), Files.createDirectories(dir.resolve("plugins")), dir);
    }

    private String config(String prefix) {
        return """
                upstreams:
                  up:
                    targets: [{url: "http://127.0.0.1:%d"}]
                    http2: true
                    read-timeout: %ds
                routes:
                  - id: up
                    match: {path: %s/**}
                    upstream: up
                    strip-prefix: %s
                """.formatted(relay.port(), READ_TIMEOUT.toSeconds(), prefix, prefix);
    }

    @AfterEach
    void stop() {
        released.countDown();
        gateway.close();
        relay.close();
        upstream.stop();
    }

    /** Its end, not a read timeout, ends the answer: the trailers awaited there are known to be none. */
    @Test
    void anAnswerThatStreamsWithoutTrailersEndsWithItsBody() {
        HttpResponse<String> answer = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/up/stream"))
                .timeout(Duration.ofSeconds(5)).build());

        assertEquals(200, answer.statusCode());
        assertEquals(STREAMED, answer.body().length());
    }

    /** The read timeout bounds each silence of a streamed answer (a gRPC server stream's), not its length. */
    @Test
    void aStreamLongerThanTheReadTimeoutArrivesWholeWhileItsSilencesAreShorter() {
        HttpResponse<String> answer = gateway.get("/up/slow");

        assertEquals(200, answer.statusCode());
        assertEquals(SLOW_PARTS, answer.body().lines().count(), answer.body());
    }

    @Test
    void aSilenceLongerThanTheReadTimeoutBreaksTheStreamedAnswerOff() throws Exception {
        HttpResponse<InputStream> answer = CLIENT.send(HttpRequest.newBuilder(gateway.uri("/up/stalls")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());

        // Cut off, not ended as if whole. One read timeout ends it: the client waits a little longer than that,
        // not the two it took when the gateway, closing the upstream's body, waited for one more read.
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = answer.body()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ExecutionException broken = assertThrows(ExecutionException.class,
                () -> body.get(READ_TIMEOUT.plus(READ_TIMEOUT.multipliedBy(3).dividedBy(4)).toMillis(),
                        TimeUnit.MILLISECONDS));
        assertInstanceOf(UncheckedIOException.class, broken.getCause());
    }

    @Test
    void aReloadClosesTheConnectionOfTheConfigItReplaces() throws Exception {
        assertEquals(200, gateway.get("/up/stream").statusCode());
        assertEquals(1, relay.openConnections());

        Files.writeString(dir.resolve("gateway.yaml"), config("/new"));
        HttpResponse<String> reloaded = gateway.reload();
        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertEquals(200, gateway.get("/new/stream").statusCode());

        // the new config's connection, and no other
        Eventually.await("the replaced config's connection closed", () -> relay.openConnections() == 1);
    }

    @Test
    void anUpstreamRestartedOnItsPortIsReachedAgain() throws Exception {
        assertEquals(200, gateway.get("/up/stream").statusCode());
        int port = upstream.port();
        upstream.stop();
        upstream = WebServer.builder().host("127.0.0.1").port(port)
                .routing(routing -> routing.get("/again", (req, res) -> res.send("again")))
                .build().start();

        HttpResponse<String> answer = gateway.get("/up/again");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("again", answer.body());
    }

    /** The upstream's silence in taking an upload is bounded by read-timeout too, not by Helidon's own 15 s. */
    @Test
    void anUploadTheUpstreamStopsTakingFailsAfterTheReadTimeout() {
        HttpResponse<String> answer = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/up/unread"))
                .timeout(READ_TIMEOUT.multipliedBy(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024 * 1024])).build());

        assertEquals(504, answer.statusCode(), answer.body());
    }

    /**
     * A connection that dies without closing (the upstream's host lost power) would otherwise be kept: TCP notices
     * only after hours, and every call over it would wait out its read timeout. The first call to time out on a
     * connection the upstream has been silent on for as long closes it; the next call gets a fresh one.
     */
    @Test
    void aConnectionThatWentSilentIsReplacedAfterTheCallThatTimedOutOnIt() {
        assertEquals(200, gateway.get("/up/stream").statusCode());
        relay.freeze();

        assertEquals(504, gateway.get("/up/stream").statusCode());
        HttpResponse<String> next = gateway.get("/up/stream");

        assertEquals(200, next.statusCode(), next.body());
        assertEquals(STREAMED, next.body().length());
    }

    /**
     * A target whose host is gone times connects out. Calls that find no connection wait for the one being
     * opened rather than each open its own in turn, so they fail together after one connect timeout, not one
     * after another (the sixth after six).
     */
    @Test
    void callsToATargetThatTimesConnectsOutFailTogetherNotInTurn() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket gone = new ServerSocket(0, 1, loopback);
             Socket first = new Socket(loopback, gone.getLocalPort());
             Socket second = new Socket(loopback, gone.getLocalPort());
             TestGateway toGone = TestGateway.start("""
                     upstreams:
                       gone:
                         targets: [{url: "http://127.0.0.1:%d"}]
                         http2: true
                         connect-timeout: 1s
                         retries: {max-retries: 0}
                         circuit-breaker: {enabled: false}
                         health-check: {passive: {enabled: false}}
                     routes:
                       - {id: gone, match: {path: /gone/**}, upstream: gone}
                     """.formatted(gone.getLocalPort()), dir.resolve("plugins"),
                     Files.createDirectories(dir.resolve("gone")))) {
            // the two connections above fill what the socket queues unaccepted: further connects time out
            List<CompletableFuture<Long>> calls = new ArrayList<>();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 6; i++) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        long started = System.nanoTime();
                        assertEquals(504, toGone.get("/gone/x").statusCode(), "a connect timeout");
                        return Duration.ofNanos(System.nanoTime() - started).toMillis();
                    }, callers));
                }
                long slowest = calls.stream().mapToLong(CompletableFuture::join).max().orElseThrow();

                assertTrue(slowest < 3_000, "the slowest call took " + slowest + " ms");
            }
        }
    }

    @Test
    void aWholeUploadArrivesWhole() throws Exception {
        HttpResponse<String> answer = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/up/file"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200_000])).build());

        assertEquals(200, answer.statusCode());
        assertEquals("complete 200000", upstreamSaw.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void anUploadTheClientAbandonsReachesTheUpstreamCutShort() throws Exception {
        try (Socket client = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /up/file HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 200000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[100_000]);
            out.flush();
            // given up once the upload has reached the upstream, so that the upstream sees its end
            assertTrue(uploadBegun.await(10, TimeUnit.SECONDS), "the upload never reached the upstream");
        }

        assertEquals("cut short", upstreamSaw.poll(10, TimeUnit.SECONDS));
    }
}
