package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.turnpike.api.Body;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

/** request-transformer's JSON operations on request bodies, and the bodies it will not pass on unedited. */
class RequestJsonEditsTest {

    private static Request post(String body, String... headers) {
        return new Request("POST", "/orders", "", Headers.of(headers), Body.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String body(Request request) {
        return new String(request.body().bytes(1 << 20), StandardCharsets.UTF_8);
    }

    @Test
    void aJsonBodyIsEditedAndItsLengthFollows() throws Exception {
        Request upstream = Fixtures.upstreamOf("remove-json: [debug]\nadd-json: {channel: web}",
                post("{\"debug\": true, \"id\": 7}", "Content-Type", "application/vnd.orders+json; charset=utf-8"));

        assertEquals("{\"id\":7,\"channel\":\"web\"}", body(upstream));
        assertEquals("24", upstream.headers().first("Content-Length").orElseThrow());
    }

    @Test
    void aCompressedJsonBodyIsRefusedAsItCouldNotBeEdited() {
        ProblemException refused = assertThrows(ProblemException.class, () -> Fixtures.upstreamOf(
                "remove-json: [debug]", post("...", "Content-Type", "application/json", "Content-Encoding", "gzip")));

        assertEquals(415, refused.status());
    }

    @Test
    void aJsonBodyOverTheBoundIsRefused413() {
        ProblemException refused = assertThrows(ProblemException.class, () -> Fixtures.upstreamOf(
                "remove-json: [debug]\nmax-body-size: 8", post("{\"debug\": true}", "Content-Type", "application/json")));

        assertEquals(413, refused.status());
    }

    @Test
    void withoutJsonOperationsTheBodyIsNotRead() throws Exception {
        Request request = post("{\"debug\": true}", "Content-Type", "application/json");

        assertEquals(request.body(), Fixtures.upstreamOf("set-headers: {X-Env: dev}", request).body());
    }

    @Test
    void theJsonOperationsAreCheckedAsResponseTransformersAre() {
        assertEquals(List.of(new ConfigError("rename-json.customer.name", "must give a new field name without dots"),
                        new ConfigError("max-body-size", "must be 0 to 16777216 bytes, got -1")),
                Fixtures.validate("rename-json: {customer.name: a.b}\nmax-body-size: -1"));
    }
}
