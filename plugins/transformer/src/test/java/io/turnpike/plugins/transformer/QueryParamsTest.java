package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.Fixtures.get;
import static io.turnpike.plugins.transformer.Fixtures.upstreamOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

/** remove-query-params and add-query-params. */
class QueryParamsTest {

    @Test
    void removeQueryParamsDropsEveryOccurrence() throws Exception {
        Request upstream = upstreamOf("remove-query-params: [debug]", get("/items?debug=1&page=2&debug"));

        assertEquals("page=2", upstream.query());
    }

    @Test
    void removeQueryParamsKeepsTheOtherPairsAsTheClientEncodedThem() throws Exception {
        Request upstream = upstreamOf("remove-query-params: [debug]", get("/items?q=a+b&debug=1&name=%7Eme"));

        assertEquals("q=a+b&name=%7Eme", upstream.query());
    }

    @Test
    void removeQueryParamsComparesNamesAfterDecoding() throws Exception {
        Request upstream = upstreamOf("remove-query-params: [debug]", get("/items?de%62ug=1&page=2"));

        assertEquals("page=2", upstream.query());
    }

    @Test
    void removeQueryParamsMatchesNamesCaseSensitively() throws Exception {
        Request request = get("/items?Debug=1");

        assertSame(request, upstreamOf("remove-query-params: [debug]", request));
    }

    @Test
    void addQueryParamsAddsAnAbsentParameterAfterTheOthers() throws Exception {
        Request upstream = upstreamOf("add-query-params: {source: gateway}", get("/items?page=2"));

        assertEquals("page=2&source=gateway", upstream.query());
    }

    @Test
    void addQueryParamsStartsAQueryWhenThereIsNone() throws Exception {
        Request upstream = upstreamOf("add-query-params: {source: gateway}", get("/items"));

        assertEquals("source=gateway", upstream.query());
    }

    @Test
    void addQueryParamsKeepsAPresentParameterEvenWithoutAValue() throws Exception {
        Request request = get("/items?source");

        assertSame(request, upstreamOf("add-query-params: {source: gateway}", request));
    }

    @Test
    void addQueryParamsPercentEncodesNameAndValueAsUtf8() throws Exception {
        Request upstream = upstreamOf("add-query-params: {\"a b\": \"x&y=ü+\"}", get("/items"));

        assertEquals("a%20b=x%26y%3D%C3%BC%2B", upstream.query());
        assertEquals("x&y=ü+", upstream.queryParam("a b").orElseThrow());
    }

    @Test
    void removeThenAddForcesTheGatewaysValue() throws Exception {
        Request upstream = upstreamOf("""
                remove-query-params: [source]
                add-query-params: {source: gateway}
                """, get("/items?source=client&page=2"));

        assertEquals("page=2&source=gateway", upstream.query());
    }
}
