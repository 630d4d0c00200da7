package io.turnpike.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;
import org.junit.jupiter.api.Test;

class RouteChainTest {

    private final TestExchange exchange = new TestExchange("req-1", "orders");
    private final Request request = new Request("GET", "/orders", "", Headers.empty(), Body.empty());
    private final Response ok = Response.of(200);

    @Test
    void callsTheUpstreamDirectlyWhenTheRouteHasNoPlugins() {
        RouteChain route = chain();

        assertSame(ok, route.execute(exchange, request, (exchange, request) -> ok));
    }

    @Test
    void eachFilterSeesTheRequestAsTheFilterBeforeItPassedIt() {
        List<String> seen = new ArrayList<>();
        RouteChain route = chain(
                named("first", (exchange, chain) -> chain.proceed(chain.request().withPath("/first"))),
                named("second", (exchange, chain) -> {
                    seen.add(chain.request().path());
                    return chain.proceed(chain.request().withPath("/second"));
                }));

        route.execute(exchange, request, (exchange, request) -> {
            seen.add(request.path());
            return ok;
        });

        assertEquals(List.of("/first", "/second"), seen);
    }

    @Test
    void aFilterThatDoesNotProceedAnswersWithoutTheUpstream() {
        RouteChain route = chain(named("teapot", (exchange, chain) -> Response.of(418)));

        Response response = route.execute(exchange, request, (exchange, request) -> {
            throw new AssertionError("the upstream must not be called");
        });

        assertEquals(418, response.status());
    }

    @Test
    void aProblemExceptionBecomesAProblemResponseThatTheOuterFilterSees() {
        AtomicReference<Response> seenByOuter = new AtomicReference<>();
        RouteChain route = chain(
                named("outer", (exchange, chain) -> {
                    Response response = chain.proceed();
                    seenByOuter.set(response);
                    return response;
                }),
                named("auth", (exchange, chain) -> {
                    throw new ProblemException(401, "A key is required.");
                }));

        Response response = route.execute(exchange, request, (exchange, request) -> ok);

        assertSame(seenByOuter.get(), response);
        assertEquals(401, response.status());
        assertEquals(Problems.CONTENT_TYPE, response.headers().first("Content-Type").orElseThrow());
        String body = new String(response.body().bytes(1000), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"detail\":\"A key is required.\"") && body.contains("urn:request:req-1"), body);
    }

    @Test
    void aThrowingFilterGives500AndTheNextRequestOnTheSameChainIsServed() {
        RouteChain route = chain(named("flaky", (exchange, chain) -> {
            if (chain.request().headers().contains("X-Fail")) {
                throw new IllegalStateException("told to fail");
            }
            return chain.proceed();
        }));

        Response failed = route.execute(exchange, request.withHeaders(Headers.of("X-Fail", "1")), (exchange, request) -> ok);
        Response next = route.execute(exchange, request, (exchange, request) -> ok);

        assertEquals(500, failed.status());
        assertEquals(Problems.CONTENT_TYPE, failed.headers().first("Content-Type").orElseThrow());
        assertSame(ok, next);
    }

    @Test
    void aFailingFilterIsLoggedAtSevereWithRequestRouteAndPlugin() {
        IllegalStateException failure = new IllegalStateException("told to fail");
        RouteChain route = chain(named("flaky", (exchange, chain) -> {
            throw failure;
        }));

        try (LogRecorder log = LogRecorder.of(RouteChain.class)) {
            route.execute(exchange, request, (exchange, request) -> ok);

            List<LogRecord> severe = log.at(Level.SEVERE);
            assertEquals(1, severe.size());
            assertEquals("Request req-1 on route 'orders': plugin 'flaky' failed; answering 500", severe.get(0).getMessage());
            assertSame(failure, severe.get(0).getThrown());
        }
    }

    @Test
    void anErrorFromAFilterIsAnswered500() {
        RouteChain route = chain(named("linkage", (exchange, chain) -> {
            throw new NoClassDefFoundError("com/example/Missing");
        }));

        assertEquals(500, route.execute(exchange, request, (exchange, request) -> ok).status());
    }

    @Test
    void aVirtualMachineErrorFromAFilterIsNotSwallowed() {
        RouteChain route = chain(named("greedy", (exchange, chain) -> {
            throw new OutOfMemoryError("simulated");
        }));

        assertThrows(OutOfMemoryError.class, () -> route.execute(exchange, request, (exchange, request) -> ok));
    }

    @Test
    void callingProceedTwiceIsRefusedNamingThePluginAndRoute() {
        AtomicReference<RuntimeException> refusal = new AtomicReference<>();
        AtomicInteger upstreamCalls = new AtomicInteger();
        RouteChain route = chain(named("retry", (exchange, chain) -> {
            Response first = chain.proceed();
            try {
                chain.proceed();
            } catch (IllegalStateException e) {
                refusal.set(e);
            }
            return first;
        }));

        route.execute(exchange, request, (exchange, request) -> {
            upstreamCalls.incrementAndGet();
            return ok;
        });

        assertEquals("plugin 'retry' on route 'orders' called proceed() twice", refusal.get().getMessage());
        assertEquals(1, upstreamCalls.get());
    }

    @Test
    void aNullResponseFromAFilterIsAnswered500() {
        RouteChain route = chain(named("forgetful", (exchange, chain) -> null));

        assertEquals(500, route.execute(exchange, request, (exchange, request) -> ok).status());
    }

    @Test
    void anUpstreamThatThrowsIsAnswered500() {
        RouteChain route = chain(named("pass", (exchange, chain) -> chain.proceed()));

        Response response = route.execute(exchange, request, (exchange, request) -> {
            throw new IllegalStateException("no connection");
        });

        assertEquals(500, response.status());
    }

    @Test
    void listsThePluginsInTheOrderTheyRun() {
        RouteChain route = chain(named("a", (exchange, chain) -> chain.proceed()), named("b", (exchange, chain) -> chain.proceed()));

        assertEquals(List.of("a", "b"), route.pluginNamesInOrder());
    }

    @Test
    void closeClosesEveryFilterEvenWhenOneFailsToClose() {
        List<String> closed = new ArrayList<>();
        RouteChain route = chain(
                named("a", closing("a", closed)),
                named("broken", new Filter() {
                    @Override
                    public Response handle(Exchange exchange, Chain chain) {
                        return chain.proceed();
                    }

                    @Override
                    public void close() {
                        throw new IllegalStateException("cannot close");
                    }
                }),
                named("c", closing("c", closed)));

        route.close();

        assertEquals(List.of("c", "a"), closed);
    }

    @Test
    void aRefusingChainAnswers500WithoutCallingTheUpstream() {
        RouteChain route = RouteChain.refusing("orders");

        Response response = route.execute(exchange, request, (exchange, request) -> {
            throw new AssertionError("the upstream must not be called");
        });

        assertEquals(500, response.status());
    }

    private static RouteChain chain(RouteChain.NamedFilter... filters) {
        return new RouteChain("orders", List.of(filters));
    }

    private static RouteChain.NamedFilter named(String name, Filter filter) {
        return new RouteChain.NamedFilter(name, filter);
    }

    private static Filter closing(String name, List<String> closed) {
        return new Filter() {
            @Override
            public Response handle(Exchange exchange, Chain chain) {
                return chain.proceed();
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }
}
