package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.turnpike.server.plugins.TestPluginJars;
import io.turnpike.server.plugins.testplugins.GuardPlugin;
import io.turnpike.server.testkit.RawHttp;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSocket through the gateway: a real WebSocket upstream (Helidon's server) behind the real gateway, and the
 * JDK's WebSocket client in front, so the handshake and the frames cross both hops as they would in use.
 */
class WebSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final BlockingQueue<String> upstreamSaw = new LinkedBlockingQueue<>();
    private final CountDownLatch upstreamClosed = new CountDownLatch(1);
    private WebServer echo;
    private TestUpstream plain;
    private TestGateway gateway;

    @BeforeEach
    void start() throws IOException {
        echo = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .addRouting(WsRouting.builder().endpoint("/echo", new EchoListener()))
                .build()
                .start();
        plain = TestUpstream.ok();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.plugin("guard-plugin").extensions(GuardPlugin.class).writeTo(plugins, "guard.jar");
        gateway = TestGateway.start("""
                upstreams:
                  chat:
                    targets: [{url: "http://127.0.0.1:%d"}]
                  plain:
                    targets: [{url: "%s"}]
                routes:
                  - id: chat
                    match: {path: /ws/**}
                    upstream: chat
                    strip-prefix: /ws
                  - id: guarded
                    match: {path: /guarded/**}
                    upstream: chat
                    strip-prefix: /guarded
                    plugins:
                      - name: guard
                        config: {keys: [s3cret]}
                  - id: plain
                    match: {path: /plain/**}
                    upstream: plain
                """.formatted(echo.port(), plain.url()), plugins, dir);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        echo.stop();
        plain.close();
    }

    /** Echoes each text message back, and notes what it saw of the handshake and of the close. */
    private final class EchoListener implements WsListener {
        @Override
        public java.util.Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            upstreamSaw.add("path " + prologue.uriPath().rawPath());
            headers.first(io.helidon.http.HeaderNames.create("X-Forwarded-For")).ifPresent(v -> upstreamSaw.add("xff " + v));
            headers.first(io.helidon.http.HeaderNames.create("X-Request-Id")).ifPresent(v -> upstreamSaw.add("id " + v));
            return java.util.Optional.empty();
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            if (text.equals("bye")) {
                session.close(WsCloseCodes.NORMAL_CLOSE, "asked to");
                return;
            }
            session.send("echo: " + text, true);
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            upstreamClosed.countDown();
        }
    }

    /** Collects the text messages a client receives, and notes the end of its connection. */
    private static final class Received implements WebSocket.Listener {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.countDown();
        }

        boolean ended() throws InterruptedException {
            return ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            messages.add(data.toString());
            webSocket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(message != null, "no message within " + WAIT);
            return message;
        }
    }

    private WebSocket connect(String path, Received received, String... headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + path), received).join();
    }

    private int refusedWith(String path) {
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> connect(path, new Received()));
        return assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode();
    }

    @Test
    void messagesPassBothWaysThroughTheTunnel() throws Exception {
        Received received = new Received();
        WebSocket socket = connect("/ws/echo", received);

        socket.sendText("hello", true).join();
        assertEquals("echo: hello", received.next());
        socket.sendText("again", true).join();
        assertEquals("echo: again", received.next());
    }

    @Test
    void theUpstreamGetsTheHandshakeAsTheRouteForwardsIt() throws Exception {
        connect("/ws/echo", new Received());

        assertEquals("path /echo", upstreamSaw.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the prefix stripped");
        assertEquals("xff 127.0.0.1", upstreamSaw.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(upstreamSaw.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS).startsWith("id "));
    }

    @Test
    void theRoutesPluginsDecideOnTheHandshake() throws Exception {
        assertEquals(401, refusedWith("/guarded/echo"));

        Received received = new Received();
        connect("/guarded/echo", received, "X-Key", "s3cret").sendText("let in", true).join();
        assertEquals("echo: let in", received.next());
    }

    /** RFC 9110 section 7.8: protocol names in Upgrade are case-insensitive; some client libraries capitalise. */
    @ParameterizedTest
    @ValueSource(strings = {"WebSocket", "Websocket", "WEBSOCKET"})
    void aCapitalisedUpgradeIsAWebSocketHandshakeToo(String spelling) {
        int status = RawHttp.status(gateway.port(), "GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: " + spelling + "\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");

        assertEquals(101, status);
    }

    @Test
    void noRouteIsA404AsForAnyRequest() {
        assertEquals(404, refusedWith("/nowhere"));
    }

    @Test
    void anUpstreamThatDoesNotSwitchHasItsAnswerPassedOn() {
        assertEquals(200, refusedWith("/plain/chat"));
    }

    @Test
    void closingTheClientsEndClosesTheUpstreamsEnd() throws Exception {
        WebSocket socket = connect("/ws/echo", new Received());

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        assertTrue(upstreamClosed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the upstream saw the close");
    }

    @Test
    void theUpstreamClosingItsEndClosesTheClientsEnd() throws Exception {
        Received received = new Received();
        WebSocket socket = connect("/ws/echo", received);

        socket.sendText("bye", true).join();

        assertTrue(received.ended(), "the client saw the close");
    }

    @Test
    void stoppingTheGatewayClosesItsOpenTunnels() throws Exception {
        Received received = new Received();
        connect("/ws/echo", received);

        gateway.close();
        gateway = null;

        assertTrue(received.ended(), "the client saw its connection end");
    }

    @Test
    void overTlsTheTunnelRunsInsideTheClientsTlsConnection() throws Exception {
        gateway.close();
        TlsClients.copyFixtures(dir);
        gateway = TestGateway.start("server: {tls: {cert-file: server.pem, key-file: server.key}}\n"
                + "upstreams:\n  chat:\n    targets: [{url: \"http://127.0.0.1:" + echo.port() + "\"}]\n"
                + "routes:\n  - {id: chat, match: {path: /ws/**}, upstream: chat, strip-prefix: /ws}\n",
                dir.resolve("plugins"), dir);
        Received received = new Received();

        WebSocket socket = TlsClients.trusting(dir, null).build().newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + gateway.port() + "/ws/echo"), received).join();
        socket.sendText("secret", true).join();

        assertEquals("echo: secret", received.next());
    }

    @Test
    void aTunnelThatCarriesNothingForTheIdleTimeoutIsClosed() throws Exception {
        gateway.close();
        gateway = TestGateway.start("server: {idle-timeout: 1s}\n"
                + "upstreams:\n  chat:\n    targets: [{url: \"http://127.0.0.1:" + echo.port() + "\"}]\n"
                + "routes:\n  - {id: chat, match: {path: /ws/**}, upstream: chat, strip-prefix: /ws}\n",
                dir.resolve("plugins"), dir);
        Received received = new Received();

        connect("/ws/echo", received);

        // (the same close ends the upstream's connection, but Helidon's WebSocket server tells its listener
        // nothing of a connection that ends without a close frame, so only the client's end is seen here)
        assertTrue(received.ended(), "the idle tunnel was closed");
    }

    @Test
    void aPlainRequestOnTheSameRouteIsProxiedAsBefore() {
        assertEquals(200, gateway.get("/plain/x").statusCode());
    }
}
