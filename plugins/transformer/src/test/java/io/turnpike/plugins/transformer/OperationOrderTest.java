package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.Fixtures.get;
import static io.turnpike.plugins.transformer.Fixtures.upstreamOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

/** Remove, rename, then replace, add, append and set: each operation sees what the earlier ones left. */
class OperationOrderTest {

    @Test
    void removeRunsBeforeAddSoTogetherTheyOverrideTheClientsValue() throws Exception {
        Request upstream = upstreamOf("""
                remove-headers: [X-Gateway]
                add-headers: {X-Gateway: turnpike}
                """, get("/", "X-Gateway", "forged"));

        assertEquals(Headers.of("X-Gateway", "turnpike"), upstream.headers());
    }

    @Test
    void removeRunsBeforeAppendSoOnlyTheAppendedValueRemains() throws Exception {
        Request upstream = upstreamOf("""
                remove-headers: [X-Tags]
                append-headers: {X-Tags: edge}
                """, get("/", "X-Tags", "client"));

        assertEquals(Headers.of("X-Tags", "edge"), upstream.headers());
    }

    @Test
    void renameRunsBeforeReplaceSoTheRenamedHeaderIsReplaced() throws Exception {
        Request upstream = upstreamOf("""
                rename-headers: {X-Old: X-New}
                replace-headers: {X-New: normalised}
                """, get("/", "X-Old", "raw"));

        assertEquals(Headers.of("X-New", "normalised"), upstream.headers());
    }

    @Test
    void renameRunsBeforeAddSoAddKeepsTheRenamedValue() throws Exception {
        Request upstream = upstreamOf("""
                rename-headers: {X-Old: X-New}
                add-headers: {X-New: default}
                """, get("/", "X-Old", "client"));

        assertEquals(Headers.of("X-New", "client"), upstream.headers());
    }

    @Test
    void renamesRunInTheOrderOfTheConfig() throws Exception {
        Request upstream = upstreamOf("rename-headers: {X-A: X-B, X-B: X-C}", get("/", "X-A", "1"));

        assertEquals(Headers.of("X-C", "1"), upstream.headers());
    }

    @Test
    void headerAndQueryOperationsApplyToTheSameRequest() throws Exception {
        Request upstream = upstreamOf("""
                set-headers: {X-Env: production}
                add-query-params: {source: gateway}
                """, get("/items?page=2"));

        assertEquals(Headers.of("X-Env", "production"), upstream.headers());
        assertEquals("page=2&source=gateway", upstream.query());
    }
}
