package io.turnpike.server.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;

/** Helpers shared by the resilience tests: switchable upstreams, the admin view, bounded polling. */
final class Resilience {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Resilience() {
    }

    /** An upstream answering each request with the status currently in {@code status}, body "from <name>". */
    static TestUpstream answering(AtomicInteger status, String name) {
        return TestUpstream.handling(exchange -> reply(exchange, status.get(), "from " + name));
    }

    static void reply(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = text.getBytes();
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The admin port's view of one target of one upstream. */
    static JsonNode target(TestGateway gateway, String upstream, int index) {
        for (JsonNode node : upstreams(gateway)) {
            if (node.path("name").asText().equals(upstream)) {
                return node.path("targets").path(index);
            }
        }
        throw new AssertionError("no upstream " + upstream + " in GET /upstreams");
    }

    static JsonNode upstreams(TestGateway gateway) {
        try {
            return JSON.readTree(gateway.adminGet("/upstreams").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A route {@code /**} to upstream {@code backend} with these targets and this much more upstream config. */
    static String config(String upstreamSettings, String... urls) {
        StringBuilder yaml = new StringBuilder("upstreams:\n  backend:\n    targets:\n");
        for (String url : urls) {
            yaml.append("      - url: ").append(url).append('\n');
        }
        yaml.append(upstreamSettings.indent(4));
        yaml.append("""
                routes:
                  - id: all
                    match: {path: /**}
                    upstream: backend
                """);
        return yaml.toString();
    }
}
