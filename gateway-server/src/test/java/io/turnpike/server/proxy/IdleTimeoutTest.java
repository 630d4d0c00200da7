package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import io.helidon.webserver.WebServer;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TcpRelay;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idle-timeout}: a connection to a target that carries no request for that long is closed, with no
 * request coming to notice it, over HTTP/1.1 and HTTP/2 alike.
 */
class IdleTimeoutTest {

    @TempDir
    Path dir;

    private WebServer upstream;
    private TcpRelay relay;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/*", (req, res) -> res.send("hello")))
                .build()
                .start();
        relay = TcpRelay.to(upstream.port());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        relay.close();
        upstream.stop();
    }

    private void startGateway(boolean http2) throws Exception {
        gateway = TestGateway.start("""
                upstreams:
                  hello:
                    targets: [{url: "http://127.0.0.1:%d"}]
                    http2: %s
                    idle-timeout: 200ms
                routes:
                  - id: hello
                    match: {path: /hello/**}
                    upstream: hello
                """.formatted(relay.port(), http2), Files.createDirectories(dir.resolve("plugins")), dir);
    }

    @Test
    void anIdleHttp1ConnectionIsClosedWithoutARequestComing() throws Exception {
        startGateway(false);

        assertEquals(200, gateway.get("/hello/there").statusCode());

        Eventually.value("the idle connection closed", relay::openConnections, open -> open == 0);
    }

    @Test
    void anIdleHttp2ConnectionIsClosedWithoutARequestComing() throws Exception {
        startGateway(true);

        assertEquals(200, gateway.get("/hello/there").statusCode());

        Eventually.value("the idle connection closed", relay::openConnections, open -> open == 0);
    }
}
