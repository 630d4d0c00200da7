package io.turnpike.plugins.httplog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.testkit.TestChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When an entry is made, and what it says of the answer. */
class HttpLogFilterTest {

    private final List<LogEntry> entries = new ArrayList<>();
    private final HttpLogFilter filter = new HttpLogFilter(entries::add,
            new LogEntry.Counters(Counter.NONE, Counter.NONE), () -> { });
    private final Exchange exchange = mock(Exchange.class);

    @BeforeEach
    void aRequestOfRouteOrdersFromLoopback() {
        when(exchange.requestId()).thenReturn("req-1");
        when(exchange.routeId()).thenReturn("orders");
        when(exchange.clientAddress()).thenReturn(InetAddress.getLoopbackAddress());
        when(exchange.consumer()).thenReturn(Optional.empty());
    }

    private static Chain answering(String method, Response answer) {
        return TestChain.answering(new Request(method, "/orders/7", "", Headers.empty(), Body.empty()), answer);
    }

    @Test
    void anAnswerIsLoggedOnceItsBodyHasBeenReadToTheEnd() throws IOException {
        Response answer = filter.handle(exchange, answering("GET", new Response(200, Headers.empty(),
                Body.of("twelve bytes"))));
        assertEquals(List.of(), entries, "not before the body is sent");

        try (InputStream body = answer.body().stream()) {
            assertEquals("twelve bytes", new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }

        assertEquals(1, entries.size(), "once, though the stream also closed");
        assertEquals(12, entries.getFirst().bytes());
        assertEquals("req-1", entries.getFirst().requestId());
        assertEquals("orders", entries.getFirst().route());
    }

    @Test
    void aBodyClosedBeforeItsEndIsLoggedWithTheBytesSent() throws IOException {
        Response answer = filter.handle(exchange, answering("GET", new Response(200, Headers.empty(),
                Body.of("twelve bytes"))));

        try (InputStream body = answer.body().stream()) {
            assertEquals(3, body.readNBytes(3).length);
        }

        assertEquals(3, entries.getFirst().bytes());
    }

    @Test
    void theTrailersOfTheAnswerStayWithIt() {
        Headers trailers = Headers.of("grpc-status", "0");
        Body withTrailers = new Body() {
            @Override
            public long length() {
                return -1;
            }

            @Override
            public InputStream stream() {
                return InputStream.nullInputStream();
            }

            @Override
            public Headers trailers() {
                return trailers;
            }
        };

        Response answer = filter.handle(exchange, answering("POST", new Response(200, Headers.empty(), withTrailers)));

        assertSame(trailers, answer.body().trailers());
    }

    @Test
    void anEmptyOrHeadAnswerIsLoggedAtOnce() {
        filter.handle(exchange, answering("GET", Response.of(204)));
        filter.handle(exchange, answering("HEAD", new Response(200, Headers.of("Content-Length", "12"),
                Body.of("twelve bytes"))));

        assertEquals(List.of(204, 200), entries.stream().map(LogEntry::status).toList());
    }

    @Test
    void aRefusalFromALaterPluginIsLoggedWithItsStatus() {
        Chain refusing = new Chain() {
            @Override
            public Request request() {
                return new Request("GET", "/orders/7", "", Headers.empty(), Body.empty());
            }

            @Override
            public Response proceed(Request next) {
                throw new ProblemException(429, "Too many requests.");
            }
        };

        assertThrows(ProblemException.class, () -> filter.handle(exchange, refusing));

        assertEquals(429, entries.getFirst().status());
        assertTrue(entries.getFirst().durationMs() >= 0);
    }
}
