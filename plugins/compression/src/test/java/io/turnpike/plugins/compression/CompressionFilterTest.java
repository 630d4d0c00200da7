package io.turnpike.plugins.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.turnpike.api.Body;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.testkit.TestChain;
import org.junit.jupiter.api.Test;

class CompressionFilterTest {

    private static final byte[] JSON = "{\"items\":[1,2,3]}".repeat(40).getBytes(StandardCharsets.UTF_8);
    private static final Headers GZIP_CLIENT = Headers.builder().set("Accept-Encoding", "gzip, br").build();

    private final CompressionPlugin plugin = new CompressionPlugin();
    private final CompressionFilter filter = (CompressionFilter) plugin.create(new CompressionConfig(null, null, null), null);

    private static Response json(String... headers) {
        Headers.Builder builder = Headers.builder().set("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            builder.set(headers[i], headers[i + 1]);
        }
        return new Response(200, builder.build(), Body.of(JSON));
    }

    private Response handle(String method, Headers requestHeaders, Response answer) {
        Request request = new Request(method, "/api/items", "", requestHeaders, Body.empty());
        return filter.handle(null, TestChain.answering(request, answer));
    }

    private static byte[] gunzip(Response response) throws IOException {
        try (InputStream in = new GZIPInputStream(response.body().stream())) {
            return in.readAllBytes();
        }
    }

    @Test
    void aJsonAnswerToAGzipClientIsCompressedAndMarked() throws IOException {
        Response response = handle("GET", GZIP_CLIENT, json("Content-Length", Integer.toString(JSON.length)));

        assertEquals(Optional.of("gzip"), response.headers().first("Content-Encoding"));
        assertEquals(Optional.of("Accept-Encoding"), response.headers().first("Vary"));
        assertFalse(response.headers().contains("Content-Length"));
        assertEquals(-1, response.body().length());
        assertArrayEquals(JSON, gunzip(response));
    }

    @Test
    void aCompressedAnswerOffersNoRangesAndKeepsItsTrailers() {
        Headers trailers = Headers.builder().set("Server-Timing", "db;dur=12").build();
        Body withTrailers = new Body() {
            @Override
            public long length() {
                return JSON.length;
            }

            @Override
            public InputStream stream() {
                return new ByteArrayInputStream(JSON);
            }

            @Override
            public Headers trailers() {
                return trailers;
            }
        };

        Response response = handle("GET", GZIP_CLIENT, json("Accept-Ranges", "bytes").withBody(withTrailers));

        assertFalse(response.headers().contains("Accept-Ranges"));
        assertEquals(trailers, response.body().trailers());
    }

    @Test
    void aClientThatAcceptsNoGzipGetsTheAnswerAsItWasWithVary() {
        Response answer = json();

        Response response = handle("GET", Headers.empty(), answer);

        assertSame(answer.body(), response.body());
        assertFalse(response.headers().contains("Content-Encoding"));
        assertEquals(Optional.of("Accept-Encoding"), response.headers().first("Vary"));
    }

    @Test
    void anAnswerTheUpstreamEncodedIsPassedOnAsItIs() {
        Response answer = json("Content-Encoding", "br");

        assertSame(answer, handle("GET", GZIP_CLIENT, answer));
    }

    @Test
    void noTransformKeepsTheUpstreamsBytes() {
        Response answer = json("Cache-Control", "public, No-Transform");

        assertSame(answer, handle("GET", GZIP_CLIENT, answer));
    }

    @Test
    void aShortAnswerIsNotWorthIt() {
        Response answer = new Response(200, Headers.builder().set("Content-Type", "application/json").build(),
                Body.of("{\"ok\":true}"));

        assertSame(answer, handle("GET", GZIP_CLIENT, answer));
    }

    @Test
    void anAnswerOfUnknownLengthIsCompressed() throws IOException {
        Response answer = new Response(200, Headers.builder().set("Content-Type", "text/html").build(),
                Body.of(new ByteArrayInputStream(JSON), -1));

        Response response = handle("GET", GZIP_CLIENT, answer);

        assertEquals(Optional.of("gzip"), response.headers().first("Content-Encoding"));
        assertArrayEquals(JSON, gunzip(response));
    }

    @Test
    void typesNotListedAndAnswersWithoutATypePass() {
        Response image = new Response(200, Headers.builder().set("Content-Type", "image/png").build(), Body.of(JSON));
        Response untyped = new Response(200, Headers.empty(), Body.of(JSON));

        assertSame(image, handle("GET", GZIP_CLIENT, image));
        assertSame(untyped, handle("GET", GZIP_CLIENT, untyped));
    }

    @Test
    void rangesAndBodilessStatusesPass() {
        for (int status : List.of(204, 206, 304)) {
            Response answer = json().withStatus(status);
            assertSame(answer, handle("GET", GZIP_CLIENT, answer), "status " + status);
        }
        Response range = json("Content-Range", "bytes 0-99/680");
        assertSame(range, handle("GET", GZIP_CLIENT, range));
    }

    @Test
    void aHeadAnswerKeepsItsHeadersButGetsVary() {
        Response response = handle("HEAD", GZIP_CLIENT, json("Content-Length", Integer.toString(JSON.length)));

        assertFalse(response.headers().contains("Content-Encoding"));
        assertEquals(Optional.of(Integer.toString(JSON.length)), response.headers().first("Content-Length"));
        assertEquals(Optional.of("Accept-Encoding"), response.headers().first("Vary"));
    }

    @Test
    void aStrongETagBecomesWeakAndAWeakOneStays() {
        assertEquals(Optional.of("W/\"v1\""),
                handle("GET", GZIP_CLIENT, json("ETag", "\"v1\"")).headers().first("ETag"));
        assertEquals(Optional.of("W/\"v2\""),
                handle("GET", GZIP_CLIENT, json("ETag", "W/\"v2\"")).headers().first("ETag"));
    }

    @Test
    void anExistingVaryIsKeptAndAcceptEncodingAddedOnce() {
        assertEquals(List.of("Origin", "Accept-Encoding"),
                handle("GET", GZIP_CLIENT, json("Vary", "Origin")).headers().all("Vary"));
        assertEquals(List.of("origin, accept-encoding"),
                handle("GET", GZIP_CLIENT, json("Vary", "origin, accept-encoding")).headers().all("Vary"));
        assertEquals(List.of("*"), handle("GET", GZIP_CLIENT, json("Vary", "*")).headers().all("Vary"));
    }

    @Test
    void everyConfigMistakeIsNamedAtItsKey() {
        assertEquals(List.of(
                        new ConfigError("types[1]", "is not a media type such as application/json or text/*, got \"json\""),
                        new ConfigError("min-length", "must be 0 or more bytes, got -1"),
                        new ConfigError("level", "must be 1 (fastest) to 9 (smallest), got 10")),
                plugin.validate(new CompressionConfig(List.of("text/html", "json"), -1L, 10)));
        assertEquals(List.of(new ConfigError("types", "is empty, so nothing would be compressed; leave it out for"
                + " the default text types")), plugin.validate(new CompressionConfig(List.of(), null, null)));
        assertEquals(List.of(), plugin.validate(new CompressionConfig(null, null, null)));
    }
}
