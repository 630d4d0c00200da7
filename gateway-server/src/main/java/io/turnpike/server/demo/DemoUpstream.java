package io.turnpike.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.turnpike.server.http.Listeners;

/**
 * A small echo service for the demo configuration, so that a newcomer's first request through the
 * gateway gets an answer: it replies with the method, path, query and headers it received.
 */
public final class DemoUpstream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoUpstream() {
    }

    /**
     * Starts the echo service on loopback.
     *
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static WebServer start(int port) {
        return Listeners.start(WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .shutdownHook(false)
                .routing(routing -> routing.any(DemoUpstream::echo))
                .build(), "demo upstream on 127.0.0.1:" + port);
    }

    private static void echo(ServerRequest req, ServerResponse res) throws Exception {
        ObjectNode body = JSON.createObjectNode()
                .put("service", "turnpike-demo-upstream")
                .put("method", req.prologue().method().text())
                .put("path", req.prologue().uriPath().rawPath())
                .put("query", req.query().rawValue());
        ObjectNode headers = body.putObject("headers");
        for (Header header : req.headers()) {
            headers.put(header.name(), String.join(", ", header.allValues()));
        }
        res.headers().set(HeaderValues.create("Content-Type", "application/json"));
        res.send(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }
}
