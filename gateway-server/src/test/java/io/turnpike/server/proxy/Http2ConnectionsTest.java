package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.http.http2.Http2Headers;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientImpl;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.helidon.webserver.WebServer;
import io.turnpike.api.Body;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TcpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 connections to one target, one call at a time on each: a connection whose call ended carries the
 * next, and the idle ones are kept within a number and an idle time, as the HTTP/1.1 pool keeps its own.
 */
class Http2ConnectionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private WebServer upstream;
    private TcpRelay relay;
    private WebClient webClient;
    private Http2ClientImpl client;
    private final List<Http2Connections> opened = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() {
        upstream = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/", (req, res) -> res.send("hello"))
                        .get("/held", (req, res) -> {
                            released.await();
                            res.send("late");
                        }))
                .build()
                .start();
        relay = TcpRelay.to(upstream.port());
        webClient = WebClient.builder().connectTimeout(TIMEOUT).readTimeout(TIMEOUT).build();
        client = (Http2ClientImpl) webClient.client(Http2Client.PROTOCOL,
                Http2ClientProtocolConfig.builder().priorKnowledge(true).build());
    }

    @AfterEach
    void stop() {
        released.countDown();
        opened.forEach(Http2Connections::close);
        relay.close();
        upstream.stop();
    }

    @Test
    void theConnectionOfAnEndedCallCarriesTheNextCall() throws IOException {
        Http2Connections connections = connections(4, Duration.ofSeconds(60));

        call(connections.open(TIMEOUT));
        call(connections.open(TIMEOUT));

        assertEquals(1, relay.acceptedConnections());
        assertEquals(1, connections.status().connections());
        assertEquals(1, connections.status().idle(), "kept for the calls after them");
    }

    @Test
    void aConnectionLeftIdlePastTheCapacityIsClosed() throws IOException {
        Http2Connections connections = connections(1, Duration.ofSeconds(60));
        UpstreamStream first = connections.open(TIMEOUT);
        UpstreamStream second = connections.open(TIMEOUT);
        UpstreamStream third = connections.open(TIMEOUT);
        assertEquals(3, connections.status().connections(), "one call on each");

        call(first);
        assertEquals(3, connections.status().connections(), "one idle connection is within the capacity");
        call(second);
        assertEquals(2, connections.status().connections(), "the second idle one is past it");
        call(third);

        assertEquals(1, connections.status().connections());
        Eventually.value("the connections past the capacity closed", relay::openConnections, open -> open == 1);
    }

    @Test
    void aConnectionIdleLongerThanTheIdleTimeIsClosedRatherThanUsedAgain() throws Exception {
        // kept idle for a nanosecond: past it by the time the next call looks
        Http2Connections connections = connections(4, Duration.ofNanos(1));
        call(connections.open(TIMEOUT));

        call(connections.open(TIMEOUT));

        assertEquals(2, relay.acceptedConnections(), "a fresh connection for the second call");
        Eventually.value("the one idle too long closed", relay::openConnections, open -> open == 1);
    }

    @Test
    void aCallWhoseConnectionClosedBeforeItsFieldsWentOutIsNotProcessed() {
        Http2Connections connections = connections(4, Duration.ofSeconds(60));
        UpstreamStream stream = connections.open(TIMEOUT);
        // the upstream's close of an idle connection, between the choice of the connection and the first write
        upstream.stop();
        // the close read, as the next call would see it; until then a write may still go out on the socket
        Eventually.value("the gateway saw the connection close", () -> connections.status().connections(),
                open -> open == 0);

        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> call(stream));

        assertInstanceOf(NotProcessedException.class, failure.getCause());
    }

    /** A reload closes the old config's connections; a call still open on one fails, and the close completes. */
    @Test
    void closingTheConnectionsFailsACallStillOpenOnThem() {
        Http2Connections connections = connections(4, Duration.ofSeconds(60));
        Http2Exchange held = new Http2Exchange(connections.open(TIMEOUT));
        held.send(get("/held"), new ResendableBody(Body.empty()), false);

        connections.close();

        assertThrows(UncheckedIOException.class, held::answer);
        assertEquals(0, connections.status().connections());
    }

    private Http2Connections connections(int idleCapacity, Duration maxIdle) {
        Http2Connections connections = new Http2Connections(webClient, client,
                Target.of("http://127.0.0.1:" + relay.port()), 1, idleCapacity, maxIdle);
        opened.add(connections);
        return connections;
    }

    private static Http2Headers get(String path) {
        return Http2Headers.create(WritableHeaders.create()).method(Method.GET).path(path).scheme("http")
                .authority("127.0.0.1");
    }

    /** A whole GET on the stream, which then ends, as the gateway ends a call. */
    private static void call(UpstreamStream stream) throws IOException {
        Http2Exchange exchange = new Http2Exchange(stream);
        exchange.send(get("/"), new ResendableBody(Body.empty()), false);
        assertEquals(200, exchange.answer().status().code());
        assertEquals("hello", new String(exchange.answerBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.end();
    }
}
