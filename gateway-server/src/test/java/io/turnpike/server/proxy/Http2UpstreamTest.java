package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
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

    @TempDir
    Path dir;

    private final BlockingQueue<String> upstreamSaw = new LinkedBlockingQueue<>();
    private final CountDownLatch uploadBegun = new CountDownLatch(1);
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
                routes:
                  - id: up
                    match: {path: %s/**}
                    upstream: up
                    strip-prefix: %s
                """.formatted(relay.port(), prefix, prefix);
    }

    @AfterEach
    void stop() {
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
