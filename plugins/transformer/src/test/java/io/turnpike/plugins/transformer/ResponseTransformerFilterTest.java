package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import org.junit.jupiter.api.Test;

/** Which answers have their body read and edited, and what the others keep. */
class ResponseTransformerFilterTest {

    private static final String CONFIG = """
            remove-json: [secret]
            set-headers: {X-Edited: "yes"}
            max-body-size: 64
            """;

    private static Response run(String method, Response upstream) throws Exception {
        Chain chain = new CapturingChain(new Request(method, "/orders/7", "", Headers.empty(), Body.empty()), upstream);
        try (var filter = new ResponseTransformerPlugin().create(Fixtures.responseConfig(CONFIG), Fixtures.CONTEXT)) {
            return filter.handle(Fixtures.NO_EXCHANGE, chain);
        }
    }

    private static Response answer(String contentType, Body body, String... moreHeaders) {
        Headers headers = Headers.of(moreHeaders).toBuilder().set("Content-Type", contentType).build();
        return new Response(200, headers, body);
    }

    private static String text(Response response) {
        return new String(response.body().bytes(1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void aJsonAnswerIsEditedWithItsLengthAndWithoutTheUpstreamsValidator() throws Exception {
        Response edited = run("GET", answer("application/json; charset=utf-8",
                Body.of("{\"id\":7,\"secret\":\"s\"}"), "ETag", "\"v1\"", "Content-Length", "22"));

        assertEquals("{\"id\":7}", text(edited));
        assertEquals(Optional.of("8"), edited.headers().first("Content-Length"));
        assertEquals(Optional.empty(), edited.headers().first("ETag"));
        assertEquals(Optional.of("yes"), edited.headers().first("X-Edited"), "header operations run after");
    }

    /** YAML's null ({@code null} or {@code ~}) is JSON's null, a value like any other. */
    @Test
    void aFieldCanBeSetToNull() throws Exception {
        ResponseTransformerConfig config = Fixtures.responseConfig("set-json: {customer.email: null}\n"
                + "replace-json: {total: ~}");
        Chain chain = new CapturingChain(new Request("GET", "/orders/7", "", Headers.empty(), Body.empty()),
                answer("application/json", Body.of("{\"total\":5,\"customer\":{\"email\":\"a@b.c\"}}")));

        Response edited;
        try (var filter = new ResponseTransformerPlugin().create(config, Fixtures.CONTEXT)) {
            edited = filter.handle(Fixtures.NO_EXCHANGE, chain);
        }

        assertEquals("{\"total\":null,\"customer\":{\"email\":null}}", text(edited));
    }

    @Test
    void aProblemJsonAnswerIsJsonToo() throws Exception {
        assertEquals("{\"status\":404}", text(run("GET", answer("application/problem+json",
                Body.of("{\"status\":404,\"secret\":\"s\"}")))));
    }

    @Test
    void anAnswerOfAnotherTypeStreamsUntouched() throws Exception {
        Body body = Body.of(new ByteArrayInputStream("{\"secret\":\"s\"}".getBytes()), 14);

        Response passed = run("GET", answer("text/plain", body));

        assertSame(body, passed.body());
        assertEquals(Optional.of("yes"), passed.headers().first("X-Edited"));
    }

    @Test
    void aCompressedJsonAnswerStreamsUntouched() throws Exception {
        Body body = Body.of(new ByteArrayInputStream(new byte[] {31, -117, 8}), 3);

        assertSame(body, run("GET", answer("application/json", body, "Content-Encoding", "gzip")).body());
    }

    @Test
    void aJsonAnswerLargerThanTheLimitStreamsUntouched() throws Exception {
        byte[] large = ("{\"secret\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        Body known = Body.of(new ByteArrayInputStream(large), large.length);

        assertSame(known, run("GET", answer("application/json", known)).body());
    }

    @Test
    void aChunkedJsonAnswerFoundTooLargeIsPassedOnWhole() throws Exception {
        byte[] large = ("{\"secret\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);

        Response passed = run("GET", answer("application/json", Body.of(new ByteArrayInputStream(large), -1)));

        assertArrayEquals(large, passed.body().bytes(1 << 20));
        assertEquals(-1, passed.body().length());
    }

    @Test
    void anAnswerThatIsNotJsonAfterAllIsPassedOnAsItCame() throws Exception {
        Response passed = run("GET", answer("application/json", Body.of(new ByteArrayInputStream("{oops".getBytes()),
                5)));

        assertEquals("{oops", text(passed));
    }

    @Test
    void theAnswerToAHeadRequestIsNotRead() throws Exception {
        Body body = Body.of(new ByteArrayInputStream(new byte[0]), 40);

        Response passed = run("HEAD", answer("application/json", body, "Content-Length", "40"));

        assertSame(body, passed.body());
        assertTrue(passed.headers().contains("Content-Length"));
    }
}
