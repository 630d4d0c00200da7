package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.turnpike.server.testkit.OrdersRoute;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.idle-timeout} and {@code server.max-connections}, seen from raw client sockets. */
class ConnectionLimitsTest {

    private static final byte[] REQUEST = "GET /orders/1 HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private void startGateway(String server) {
        gateway = TestGateway.start("server: " + server + "\n" + OrdersRoute.yaml(upstream.url()), dir.resolve("plugins"), dir);
    }

    private Socket connect(int readTimeoutMillis) throws IOException {
        Socket socket = new Socket("127.0.0.1", gateway.port());
        socket.setSoTimeout(readTimeoutMillis);
        return socket;
    }

    /** Sends one request and reads its answer's head. */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write(REQUEST);
        return readHead(socket);
    }

    @Test
    void aConnectionThatCarriesNothingForTheIdleTimeoutIsClosed() throws Exception {
        startGateway("{idle-timeout: 1s}");
        try (Socket socket = connect(10_000)) {
            assertTrue(exchange(socket).startsWith("HTTP/1.1 200"));
            // the body of the answer, then nothing: the gateway closes the idle keep-alive connection
            InputStream in = socket.getInputStream();
            int read;
            do {
                read = in.read();
            } while (read >= 0);
            assertEquals(-1, read);
        }
    }

    @Test
    void pastMaxConnectionsANewConnectionWaitsUntilAnotherCloses() throws Exception {
        startGateway("{max-connections: 1}");
        try (Socket first = connect(10_000)) {
            assertTrue(exchange(first).startsWith("HTTP/1.1 200"));
            try (Socket second = connect(1_000)) {
                assertThrows(SocketTimeoutException.class, () -> exchange(second), "served past the limit");
                first.close();
                second.setSoTimeout(10_000);
                // its request has waited in the accept queue, and is served once the first connection has gone
                assertTrue(readHead(second).startsWith("HTTP/1.1 200"));
            }
        }
    }

    /** Reads an answer's head, up to the blank line. */
    private static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the answer's head ended: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
