package io.turnpike.plugins.transformer;

import static io.turnpike.plugins.transformer.Fixtures.config;
import static io.turnpike.plugins.transformer.Fixtures.get;
import static io.turnpike.plugins.transformer.Fixtures.run;
import static io.turnpike.plugins.transformer.Fixtures.upstreamOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.InputStream;

import io.turnpike.api.Body;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

/** What the filter promises the chain: one proceed, the body untouched, no change when there is nothing to do. */
class FilterContractTest {

    private static final String EVERY_OPERATION = """
            remove-headers: [X-Debug]
            rename-headers: {X-Old: X-New}
            replace-headers: {X-Tenant: acme}
            add-headers: {X-Gateway: turnpike}
            append-headers: {X-Tags: edge}
            set-headers: {X-Env: production}
            remove-query-params: [debug]
            add-query-params: {source: gateway}
            """;

    @Test
    void anEmptyConfigPassesTheVerySameRequestOn() throws Exception {
        Request request = get("/items?debug=1", "X-Debug", "1");

        assertSame(request, run(RequestTransformerConfig.EMPTY, request).upstream());
    }

    @Test
    void operationsThatFindNothingToDoPassTheVerySameRequestOn() throws Exception {
        Request request = get("/items?page=2", "Accept", "text/plain");

        assertSame(request, upstreamOf("""
                remove-headers: [X-Debug]
                rename-headers: {X-Old: X-New}
                replace-headers: {X-Tenant: acme}
                remove-query-params: [debug]
                """, request));
    }

    @Test
    void theFilterProceedsExactlyOnceAndReturnsTheChainsResponse() throws Exception {
        CapturingChain chain = new CapturingChain(get("/items", "X-Debug", "1"));
        Filter filter = new RequestTransformerPlugin().create(config(EVERY_OPERATION), Fixtures.CONTEXT);

        assertSame(CapturingChain.ANSWER, filter.handle(Fixtures.NO_EXCHANGE, chain));
        assertEquals(1, chain.proceeded().size());
    }

    @Test
    void theBodyIsPassedOnUnread() throws Exception {
        Body unreadable = new Body() {
            @Override
            public long length() {
                return 5;
            }

            @Override
            public InputStream stream() {
                throw new AssertionError("the filter opened the body");
            }
        };
        Request request = new Request("POST", "/items", "debug=1", Headers.of("X-Debug", "1"), unreadable);

        Request upstream = upstreamOf(EVERY_OPERATION, request);

        assertSame(unreadable, upstream.body());
    }

    @Test
    void methodAndPathAreKept() throws Exception {
        Request request = new Request("DELETE", "/items/%2A7", "", Headers.empty(), Body.empty());

        Request upstream = upstreamOf(EVERY_OPERATION, request);

        assertEquals("DELETE", upstream.method());
        assertEquals("/items/%2A7", upstream.path());
    }

    @Test
    void aFilterCarriesNothingFromOneRequestToTheNext() throws Exception {
        Filter filter = new RequestTransformerPlugin().create(config(EVERY_OPERATION), Fixtures.CONTEXT);
        filter.handle(Fixtures.NO_EXCHANGE, new CapturingChain(get("/items", "X-Old", "first")));
        CapturingChain second = new CapturingChain(get("/items"));

        filter.handle(Fixtures.NO_EXCHANGE, second);

        assertFalse(second.upstream().headers().contains("X-New"));
    }
}
