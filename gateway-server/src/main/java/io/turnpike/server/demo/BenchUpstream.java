package io.turnpike.server.demo;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
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

    /**
     * Starts the service on loopback.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static WebServer start(int port) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .shutdownHook(false)
                // Nagle's algorithm would hold each small answer back for the client's delayed ACK.
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(routing -> routing.any(BenchUpstream::answer))
                .build()
                .start();
    }

    private static void answer(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(BODY);
    }
}
