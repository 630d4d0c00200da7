package io.turnpike.server.demo;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerResponse;

/**
 * The upstream of the load benchmark when nginx is not installed: every request, whatever its method and
 * path, gets the same small JSON answer, so that what is measured is the proxy in front of it.
 */
public final class BenchUpstream {

    /** About 100 bytes, like the answer nginx gives in the benchmark, so the two upstreams are comparable. */
    static final byte[] BODY = """
            {"id":42,"service":"turnpike-bench","status":"ok","items":[1,2,3],"note":"the same answer every time"}"""
            .getBytes(StandardCharsets.US_ASCII);

    private BenchUpstream() {
    }

    /** The smallest body {@link #start(int, int)} makes: {@code {"pad":""}} and a few bytes of padding. */
    public static final int MIN_BODY_BYTES = 16;

    /**
     * Starts the service on loopback, answering the fixed ~100-byte JSON.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static WebServer start(int port) {
        return start(port, BODY);
    }

    /**
     * Starts the service on loopback, answering a JSON body of the size given, for measuring larger bodies:
     * {@code {"pad":"aaa…"}}, the same bytes {@code bin/bench --body-bytes} serves from nginx.
     *
     * @param port      the port, 0 for any free one
     * @param bodyBytes the size of the answer, at least {@link #MIN_BODY_BYTES}
     * @return the running server
     */
    public static WebServer start(int port, int bodyBytes) {
        if (bodyBytes < MIN_BODY_BYTES) {
            throw new IllegalArgumentException("the body must be at least " + MIN_BODY_BYTES + " bytes, got " + bodyBytes);
        }
        return start(port, padded(bodyBytes));
    }

    static byte[] padded(int bytes) {
        String prefix = "{\"pad\":\"";
        String suffix = "\"}";
        return (prefix + "a".repeat(bytes - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.US_ASCII);
    }

    private static WebServer start(int port, byte[] body) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .shutdownHook(false)
                // Nagle's algorithm would hold each small answer back for the client's delayed ACK.
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(routing -> routing.any((req, res) -> answer(body, res)))
                .build()
                .start();
    }

    private static void answer(byte[] body, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }
}
