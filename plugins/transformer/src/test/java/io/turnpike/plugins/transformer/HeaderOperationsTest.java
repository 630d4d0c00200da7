package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.Fixtures.get;
import static io.turnpike.plugins.transformer.Fixtures.upstreamOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

/** Each header operation on its own. */
class HeaderOperationsTest {

    @Test
    void removeHeadersDropsEveryValueOfTheHeader() throws Exception {
        Request upstream = upstreamOf("remove-headers: [X-Debug]",
                get("/", "X-Debug", "1", "Accept", "text/plain", "X-Debug", "2"));

        assertEquals(Headers.of("Accept", "text/plain"), upstream.headers());
    }

    @Test
    void removeHeadersMatchesNamesIgnoringCase() throws Exception {
        Request upstream = upstreamOf("remove-headers: [x-debug]", get("/", "X-DEBUG", "1"));

        assertEquals(Headers.empty(), upstream.headers());
    }

    @Test
    void renameHeadersMovesEveryValueToTheNewName() throws Exception {
        Request upstream = upstreamOf("rename-headers: {X-Old: X-New}",
                get("/", "X-Old", "a", "Accept", "text/plain", "X-Old", "b"));

        assertEquals(Headers.of("Accept", "text/plain", "X-New", "a", "X-New", "b"), upstream.headers());
    }

    @Test
    void renameHeadersReplacesAHeaderAlreadyCalledTheNewName() throws Exception {
        Request upstream = upstreamOf("rename-headers: {X-Old: X-New}", get("/", "X-New", "stale", "X-Old", "a"));

        assertEquals(Headers.of("X-New", "a"), upstream.headers());
    }

    @Test
    void renameHeadersLeavesTheNewNameAloneWhenTheOldOneIsAbsent() throws Exception {
        Request request = get("/", "X-New", "kept");

        assertSame(request, upstreamOf("rename-headers: {X-Old: X-New}", request));
    }

    @Test
    void renameHeadersCanChangeJustTheCaseOfAName() throws Exception {
        Request upstream = upstreamOf("rename-headers: {x-legacy-id: X-Legacy-ID}", get("/", "x-legacy-id", "7"));

        assertEquals(Headers.of("X-Legacy-ID", "7"), upstream.headers());
    }

    @Test
    void replaceHeadersOverwritesEveryValueOfAPresentHeader() throws Exception {
        Request upstream = upstreamOf("replace-headers: {X-Tenant: acme}",
                get("/", "X-Tenant", "a", "X-Tenant", "b"));

        assertEquals(Headers.of("X-Tenant", "acme"), upstream.headers());
    }

    @Test
    void replaceHeadersDoesNotAddAnAbsentHeader() throws Exception {
        Request request = get("/", "Accept", "text/plain");

        assertSame(request, upstreamOf("replace-headers: {X-Tenant: acme}", request));
    }

    @Test
    void replaceHeadersMatchesIgnoringCaseAndWritesTheConfiguredSpelling() throws Exception {
        Request upstream = upstreamOf("replace-headers: {X-Tenant: acme}", get("/", "x-tenant", "guest"));

        assertEquals(Headers.of("X-Tenant", "acme"), upstream.headers());
    }

    @Test
    void addHeadersAddsAnAbsentHeader() throws Exception {
        Request upstream = upstreamOf("add-headers: {X-Gateway: turnpike}", get("/", "Accept", "text/plain"));

        assertEquals(Headers.of("Accept", "text/plain", "X-Gateway", "turnpike"), upstream.headers());
    }

    @Test
    void addHeadersKeepsAPresentHeaderWhateverTheCaseOfItsName() throws Exception {
        Request request = get("/", "x-gateway", "client", "x-gateway", "proxy");

        assertSame(request, upstreamOf("add-headers: {X-Gateway: turnpike}", request));
    }

    @Test
    void appendHeadersAddsAValueAfterThePresentOnes() throws Exception {
        Request upstream = upstreamOf("append-headers: {X-Tags: edge}", get("/", "X-Tags", "a", "X-Tags", "b"));

        assertEquals(Headers.of("X-Tags", "a", "X-Tags", "b", "X-Tags", "edge"), upstream.headers());
    }

    @Test
    void appendHeadersAddsAnAbsentHeader() throws Exception {
        Request upstream = upstreamOf("append-headers: {X-Tags: edge}", get("/"));

        assertEquals(Headers.of("X-Tags", "edge"), upstream.headers());
    }

    @Test
    void setHeadersReplacesEveryValueWhateverTheCaseOfItsName() throws Exception {
        Request upstream = upstreamOf("set-headers: {X-Env: production}", get("/", "X-Env", "dev", "x-env", "qa"));

        assertEquals(Headers.of("X-Env", "production"), upstream.headers());
    }

    @Test
    void setHeadersAddsAnAbsentHeader() throws Exception {
        Request upstream = upstreamOf("set-headers: {X-Env: production}", get("/"));

        assertEquals(Headers.of("X-Env", "production"), upstream.headers());
    }

    @Test
    void aHeaderValueMayBeEmpty() throws Exception {
        Request upstream = upstreamOf("set-headers: {X-Empty: \"\"}", get("/"));

        assertEquals(Headers.of("X-Empty", ""), upstream.headers());
    }

    @Test
    void headersOfOneOperationAreWrittenInTheOrderOfTheConfig() throws Exception {
        Request upstream = upstreamOf("add-headers: {X-Zulu: z, X-Alpha: a, X-Mike: m}", get("/"));

        assertEquals(Headers.of("X-Zulu", "z", "X-Alpha", "a", "X-Mike", "m"), upstream.headers());
    }
}
