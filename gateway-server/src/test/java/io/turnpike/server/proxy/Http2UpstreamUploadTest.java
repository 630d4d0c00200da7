package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.WebServer;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload the client gives up on halfway must reach an HTTP/2 upstream as cut short, never as a complete
 * shorter body: the rule the HTTP/1.1 path keeps by closing its connection.
 */
class Http2UpstreamUploadTest {

    @TempDir
    Path dir;

    private final BlockingQueue<String> upstreamSaw = new LinkedBlockingQueue<>();
    private WebServer upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        upstream = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.post("/*", (req, res) -> {
                    try (InputStream in = req.content().inputStream()) {
                        upstreamSaw.add("complete " + in.readAllBytes().length);
                    } catch (Exception e) {
                        upstreamSaw.add("cut short");
                    }
                    res.send("ok");
                }))
                .build()
                .start();
        gateway = TestGateway.start("""
                upstreams:
                  up:
                    targets: [{url: "http://127.0.0.1:%d"}]
                    http2: true
                routes:
                  - id: up
                    match: {path: /up/**}
                    upstream: up
                """.formatted(upstream.port()), Files.createDirectories(dir.resolve("plugins")), dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.stop();
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
            Thread.sleep(300);
        }

        assertEquals("cut short", upstreamSaw.poll(10, TimeUnit.SECONDS));
    }
}
