package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's keep-alive connections to a target: reused while they last, never used once the upstream closed them. */
class UpstreamConnectionsTest {

    @TempDir
    Path dir;

    @Test
    void requestsOneAfterAnotherShareOneUpstreamConnection() {
        try (CountingUpstream upstream = new CountingUpstream(okIn("HTTP/1.1"), false);
             TestGateway gateway = TestGateway.start(Resilience.config("", upstream.url()), dir.resolve("plugins"), dir)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, gateway.get("/r").statusCode());
            }

            assertEquals(1, upstream.connections(), "one connection, kept alive and reused");
            Eventually.await("the connection is idle again", () ->
                    Resilience.target(gateway, "backend", 0).path("idle-connections").asInt() == 1);
        }
    }

    @Test
    void aConnectionTheUpstreamClosedWhileIdleIsNotUsedForAPost() {
        // The upstream closes each connection after its answer without saying so (as a keep-alive timeout does),
        // and a POST is never sent twice: it only succeeds if the gateway noticed the close first.
        try (CountingUpstream upstream = new CountingUpstream(okIn("HTTP/1.1"), true);
             TestGateway gateway = TestGateway.start(Resilience.config("", upstream.url()), dir.resolve("plugins"), dir)) {
            assertEquals(200, gateway.get("/first").statusCode());
            Eventually.await("the closed connection is dropped from the idle ones", () ->
                    Resilience.target(gateway, "backend", 0).path("idle-connections").asInt() == 0);

            HttpResponse<String> post = TestGateway.send(HttpRequest.newBuilder(URI.create(gateway.uri("/second").toString()))
                    .POST(HttpRequest.BodyPublishers.ofString("order")).build());

            assertEquals(200, post.statusCode(), post.body());
            assertEquals(2, upstream.connections());
        }
    }

    @Test
    void anHttp10AnswerEndsItsConnectionSoConcurrentPostsAllSucceed() throws Exception {
        // An HTTP/1.0 upstream (Python's http.server) closes after every answer without Connection: close; a
        // POST written to such a connection before the close is seen would fail with a broken pipe.
        try (CountingUpstream upstream = new CountingUpstream(okIn("HTTP/1.0"), true);
             TestGateway gateway = TestGateway.start(Resilience.config("", upstream.url()), dir.resolve("plugins"), dir)) {
            for (HttpResponse<String> response : postConcurrently(gateway, 200)) {
                assertEquals(200, response.statusCode());
            }
            assertEquals(200, upstream.connections(), "one connection per answer");
            assertEquals(0, Resilience.target(gateway, "backend", 0).path("idle-connections").asInt());
        }
    }

    @Test
    void anAnswerThatEndsWithItsConnectionIsNotPooled() throws Exception {
        // No Content-Length, no chunks: the body is whatever comes until the upstream closes (RFC 9112 6.3).
        try (CountingUpstream upstream = new CountingUpstream("HTTP/1.1 200 OK\r\n\r\nok", true);
             TestGateway gateway = TestGateway.start(Resilience.config("", upstream.url()), dir.resolve("plugins"), dir)) {
            for (HttpResponse<String> response : postConcurrently(gateway, 200)) {
                assertEquals(200, response.statusCode());
                assertEquals("ok", response.body());
            }
            assertEquals(0, Resilience.target(gateway, "backend", 0).path("idle-connections").asInt());
        }
    }

    /** Sends that many POSTs through the gateway, eight at a time, and waits for every answer. */
    private static List<HttpResponse<String>> postConcurrently(TestGateway gateway, int count) throws Exception {
        List<Future<HttpResponse<String>>> pending = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                pending.add(clients.submit(() -> TestGateway.send(HttpRequest.newBuilder(gateway.uri("/orders"))
                        .POST(HttpRequest.BodyPublishers.ofString("order")).build())));
            }
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> each : pending) {
            responses.add(each.get());
        }
        return responses;
    }

    /** A 200 of two bytes, with its length, in the HTTP version given. */
    private static String okIn(String version) {
        return version + " 200 OK\r\nContent-Length: 2\r\n\r\nok";
    }

    /** Answers every request head with the answer given; with {@code closeAfterAnswer}, then closes without a word. */
    private static final class CountingUpstream implements AutoCloseable {

        private final byte[] answer;
        private final ServerSocket server;
        private final boolean closeAfterAnswer;
        private final AtomicInteger connections = new AtomicInteger();

        /** @param answer the whole answer to every request: status line, fields and body */
        CountingUpstream(String answer, boolean closeAfterAnswer) {
            this.answer = answer.getBytes(StandardCharsets.ISO_8859_1);
            this.closeAfterAnswer = closeAfterAnswer;
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread.ofVirtual().start(this::accept);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (skipRequest(in)) {
                    out.write(answer);
                    out.flush();
                    if (closeAfterAnswer) {
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the gateway closed its end; nothing to report
            }
        }

        /** Reads a request: its head, then a body of the length the head gives; false at the end of the stream. */
        private static boolean skipRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                    in.readNBytes(contentLength(head.toString()));
                    return true;
                }
            }
            return false;
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            return 0;
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
