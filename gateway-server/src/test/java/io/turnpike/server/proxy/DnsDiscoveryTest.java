package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream with {@code dns:}, through the real gateway: each address its target's name resolves to (127.0.0.2
 * and 127.0.0.3, both loopback on Linux, with a real server on the same port at each) is a target of its own, and
 * the gateway follows the name as its addresses change.
 */
class DnsDiscoveryTest {

    private static final String NAME = "orders.turnpike.test";

    @TempDir
    Path dir;

    private HttpServer second;
    private HttpServer third;
    @AutoClose
    private TestGateway gateway;

    @AfterEach
    void stop() {
        TestNames.remove(NAME);
        for (HttpServer server : new HttpServer[] {second, third}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /** A server at one loopback address that answers with that address and the Host it was asked for. */
    private static HttpServer server(String address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] answer = (address + " for " + exchange.getRequestHeaders().getFirst("Host"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    /** Servers at 127.0.0.2 and 127.0.0.3 on one port, as the pods behind a headless service would be. */
    private int startServers() throws IOException {
        for (int attempt = 0; ; attempt++) {
            second = server("127.0.0.2", 0);
            int port = second.getAddress().getPort();
            try {
                third = server("127.0.0.3", port);
                return port;
            } catch (BindException taken) {
                second.stop(0);
                if (attempt == 5) {
                    throw new UncheckedIOException(taken);
                }
            }
        }
    }

    private void startGateway(int port, String dns) {
        gateway = TestGateway.start("""
                upstreams:
                  orders:
                    targets:
                      - url: http://%s:%d
                    %s
                routes:
                  - id: orders
                    match: {path: /**}
                    upstream: orders
                """.formatted(NAME, port, dns), dir.resolve("plugins"), dir);
    }

    /** Who answered a number of requests, all of which must succeed. */
    private Set<String> answerers(int requests) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = gateway.get("/orders");
            assertEquals(200, response.statusCode(), response.body());
            seen.add(response.body().substring(0, response.body().indexOf(' ')));
        }
        return seen;
    }

    @Test
    void everyAddressOfTheNameIsATargetAndTheNameIsFollowedAsItChanges() throws IOException {
        int port = startServers();
        TestNames.set(NAME, "127.0.0.2");
        startGateway(port, "dns: {refresh: 1s}");

        HttpResponse<String> first = gateway.get("/orders");
        assertEquals("127.0.0.2 for " + NAME + ":" + port, first.body(), "the target is asked by its name");
        assertEquals(Set.of("127.0.0.2"), answerers(6));

        TestNames.set(NAME, "127.0.0.2", "127.0.0.3");
        Eventually.await("a new address takes traffic", () -> answerers(4).size() == 2);

        TestNames.set(NAME, "127.0.0.3");
        Eventually.await("a gone address takes none", () -> answerers(6).equals(Set.of("127.0.0.3")));
    }

    @Test
    void aNameThatStopsResolvingKeepsTheAddressesItHad() throws IOException {
        int port = startServers();
        TestNames.set(NAME, "127.0.0.2", "127.0.0.3");
        startGateway(port, "dns: {refresh: 1s}");
        assertEquals(Set.of("127.0.0.2", "127.0.0.3"), answerers(4));

        long before = TestNames.lookups(NAME);
        TestNames.remove(NAME);
        Eventually.await("two refreshes look the name up and find no address",
                () -> TestNames.lookups(NAME) >= before + 2);

        assertEquals(Set.of("127.0.0.2", "127.0.0.3"), answerers(4));
    }

    @Test
    void aNameThatDoesNotResolveYetIsAnswered503UntilItDoes() throws IOException {
        int port = startServers();
        startGateway(port, "dns: {refresh: 1s}");

        HttpResponse<String> before = gateway.get("/orders");
        assertEquals(503, before.statusCode());
        assertTrue(before.headers().firstValue("Retry-After").isPresent(), "when to try again");

        TestNames.set(NAME, "127.0.0.3");
        Eventually.await("the name's address takes traffic once it resolves",
                () -> gateway.get("/orders").statusCode() == 200);
    }

    @Test
    void theAdminPortShowsATargetPerAddress() throws IOException {
        int port = startServers();
        TestNames.set(NAME, "127.0.0.3", "127.0.0.2");
        startGateway(port, "dns: {refresh: 1s}");

        String upstreams = gateway.adminGet("/upstreams").body();

        String url = "\"url\":\"http://" + NAME + ":" + port + "\"";
        assertTrue(upstreams.contains(url + ",\"address\":\"127.0.0.2\""), upstreams);
        assertTrue(upstreams.contains(url + ",\"address\":\"127.0.0.3\""), upstreams);
        assertTrue(upstreams.indexOf("127.0.0.2") < upstreams.indexOf("127.0.0.3"), "in address order: " + upstreams);
    }

    @Test
    void eachAddressIsProbedAtItselfByTheActiveHealthCheck() throws IOException {
        int port = startServers();
        TestNames.set(NAME, "127.0.0.2", "127.0.0.3");
        startGateway(port, """
                dns: {refresh: 1s}
                    health-check:
                      active: {path: /health, interval: 1s, timeout: 500ms, unhealthy-threshold: 1}""");
        Eventually.await("both addresses are probed healthy",
                () -> gateway.adminGet("/upstreams").body().split("\"active\":\"HEALTHY\"").length == 3);

        third.stop(0);

        Eventually.await("the stopped address alone is found unhealthy", () -> {
            String upstreams = gateway.adminGet("/upstreams").body();
            int third = upstreams.indexOf("127.0.0.3");
            return upstreams.indexOf("\"active\":\"UNHEALTHY\"", third) > third
                    && upstreams.indexOf("\"active\":\"HEALTHY\"") < third;
        });
        assertEquals(Set.of("127.0.0.2"), answerers(6));
    }

    @Test
    void withoutDnsTheNameIsLookedUpPerConnectionAndOneAddressServes() throws IOException {
        int port = startServers();
        TestNames.set(NAME, "127.0.0.2", "127.0.0.3");
        startGateway(port, "");

        assertEquals(1, answerers(6).size());
    }
}
