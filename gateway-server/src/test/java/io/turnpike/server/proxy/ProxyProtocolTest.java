package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.turnpike.server.testkit.RawHttp;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.proxy-protocol}: behind a TCP load balancer (AWS NLB, HAProxy), each connection starts with a PROXY
 * protocol header naming the client, which becomes the request's client address (X-Forwarded-For, rate limits by
 * ip, the access log).
 */
class ProxyProtocolTest {

    private static final String REQUEST = "GET /orders HTTP/1.1\r\nHost: shop\r\nConnection: close\r\n\r\n";

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream upstream = TestUpstream.ok();
    @AutoClose
    private TestGateway gateway;

    private void start(String server) {
        gateway = TestGateway.start("""
                server: %s
                upstreams:
                  shop: {targets: [{url: "%s"}]}
                routes:
                  - {id: all, match: {path: /**}, upstream: shop}
                """.formatted(server, upstream.url()), dir.resolve("plugins"), dir);
    }

    /** A PROXY protocol v2 header: the signature, version 2, a command, a family and the addresses after it. */
    private static String v2(int command, int family, int... addressBytes) {
        StringBuilder header = new StringBuilder("\r\n\r\n\0\r\nQUIT\n");
        header.append((char) (0x20 | command)).append((char) family)
                .append((char) (addressBytes.length >> 8)).append((char) (addressBytes.length & 0xFF));
        for (int b : addressBytes) {
            header.append((char) b);
        }
        return header.toString();
    }

    @Test
    void aVersion1HeaderNamesTheClient() {
        start("{proxy-protocol: true}");

        assertEquals(200, RawHttp.status(gateway.port(), "PROXY TCP4 203.0.113.7 127.0.0.1 56324 8080\r\n" + REQUEST));

        assertEquals("203.0.113.7", upstream.takeRequest().header("X-Forwarded-For"));
    }

    @Test
    void aVersion2HeaderNamesTheClient() {
        start("{proxy-protocol: true}");
        // PROXY over TCP/IPv4: 198.51.100.9:50000 to 127.0.0.1:8080
        String header = v2(0x1, 0x11, 198, 51, 100, 9, 127, 0, 0, 1, 50000 >> 8, 50000 & 0xFF, 8080 >> 8, 8080 & 0xFF);

        assertEquals(200, RawHttp.status(gateway.port(), header + REQUEST));

        assertEquals("198.51.100.9", upstream.takeRequest().header("X-Forwarded-For"));
    }

    @Test
    void aHealthCheckOfTheBalancerItselfKeepsTheSocketsPeer() {
        start("{proxy-protocol: true}");

        assertEquals(200, RawHttp.status(gateway.port(), v2(0x0, 0x00) + REQUEST));

        assertEquals("127.0.0.1", upstream.takeRequest().header("X-Forwarded-For"));
    }

    @Test
    void aConnectionWithoutTheHeaderIsRefused() {
        start("{proxy-protocol: true}");

        assertEquals("", answer(REQUEST), "closed without an answer");
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void withoutTheSettingAHeaderIsNoRequest() {
        start("{}");

        assertEquals("", answer("PROXY TCP4 203.0.113.7 127.0.0.1 56324 8080\r\n" + REQUEST),
                "no client can name itself another");
        assertEquals(0, upstream.requestCount());
    }

    /** The status line of the answer, or nothing when the gateway closed or reset the connection without one. */
    private String answer(String request) {
        try {
            return RawHttp.statusLine(gateway.port(), request);
        } catch (UncheckedIOException reset) {
            return "";
        }
    }

    @Test
    void theClientsOwnForwardedForIsPassedOnBeforeTheAddressTheHeaderNames() {
        start("{proxy-protocol: true}");

        assertEquals(200, RawHttp.status(gateway.port(), "PROXY TCP4 203.0.113.7 127.0.0.1 56324 8080\r\n"
                + "GET /orders HTTP/1.1\r\nHost: shop\r\nX-Forwarded-For: 10.1.1.1\r\nConnection: close\r\n\r\n"));

        assertEquals("10.1.1.1, 203.0.113.7", upstream.takeRequest().header("X-Forwarded-For"));
    }
}
