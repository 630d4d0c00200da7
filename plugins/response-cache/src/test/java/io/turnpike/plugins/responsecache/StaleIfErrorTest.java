package io.turnpike.plugins.responsecache;

import static io.turnpike.plugins.responsecache.Fixtures.body;
import static io.turnpike.plugins.responsecache.Fixtures.cacheStatus;
import static io.turnpike.plugins.responsecache.Fixtures.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Duration;

import io.turnpike.api.Body;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.Response;
import io.turnpike.plugins.responsecache.Fixtures.TestClock;
import io.turnpike.plugins.responsecache.Fixtures.TestExchange;
import io.turnpike.plugins.responsecache.Fixtures.Upstream;
import org.junit.jupiter.api.Test;

/** RFC 5861's stale-if-error: a stale copy answers for an upstream that fails, within its allowance. */
class StaleIfErrorTest {

    private static final Exchange ANONYMOUS = TestExchange.anonymous("shop");

    private final TestClock clock = new TestClock();

    private ResponseCacheFilter filter(String yaml) {
        return Fixtures.filter(yaml, clock);
    }

    private static Response send(ResponseCacheFilter filter, Upstream upstream) {
        return filter.handle(ANONYMOUS, upstream.chain(get("/items/1")));
    }

    /** Answers 200 with these fields and {@code hit 1} the first time, then the status given. */
    private static Upstream thenFailing(int status, String... headers) {
        return new Upstream((request, hit) -> {
            if (hit > 1) {
                return new Response(status, Headers.of("Content-Type", "text/plain"), Body.of("failure " + hit));
            }
            byte[] body = ("hit " + hit).getBytes();
            return new Response(200, Headers.of(headers).with("Content-Length", "" + body.length), Body.of(body));
        });
    }

    @Test
    void aStaleCopyAnswersForAnUpstreamThatFailsWithinTheUpstreamsStaleIfError() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = thenFailing(503, "Cache-Control", "max-age=10, stale-if-error=60");
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(40));

        Response stale = send(filter, upstream);

        assertEquals(200, stale.status());
        assertEquals("hit 1", body(stale));
        assertEquals("STALE", cacheStatus(stale));
        assertEquals("40", stale.headers().first("Age").orElseThrow());
        assertEquals(2, upstream.hits(), "the upstream is still asked first");
    }

    @Test
    void pastItsStaleIfErrorTheUpstreamsFailureGoesThrough() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = thenFailing(503, "Cache-Control", "max-age=10, stale-if-error=60");
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(70));

        assertEquals(503, send(filter, upstream).status());
    }

    @Test
    void theRoutesStaleIfErrorCoversAnswersWhoseUpstreamSaysNothing() {
        ResponseCacheFilter filter = filter("stale-if-error: 1h");
        Upstream upstream = thenFailing(502, "Cache-Control", "max-age=10");
        send(filter, upstream);
        clock.advance(Duration.ofMinutes(30));

        assertEquals("STALE", cacheStatus(send(filter, upstream)), "kept, and served, past twice its lifetime");
    }

    @Test
    void withoutStaleIfErrorAFailureGoesThrough() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = thenFailing(500, "Cache-Control", "max-age=10");
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(11));

        assertEquals(500, send(filter, upstream).status());
    }

    @Test
    void mustRevalidateForbidsServingTheCopyStaleWhateverTheRouteSays() {
        ResponseCacheFilter filter = filter("stale-if-error: 1h");
        Upstream upstream = thenFailing(504, "Cache-Control", "max-age=10, must-revalidate, stale-if-error=60");
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(20));

        assertEquals(504, send(filter, upstream).status());
    }

    @Test
    void aClientAskingForTheUpstreamsAnswerGetsTheFailure() {
        ResponseCacheFilter filter = filter("stale-if-error: 1h");
        Upstream upstream = thenFailing(503, "Cache-Control", "max-age=10");
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(20));

        Response failure = filter.handle(ANONYMOUS, upstream.chain(get("/items/1", "Cache-Control", "no-cache")));

        assertEquals(503, failure.status());
    }

    @Test
    void anAnswerThatIsNotAFailureIsPassedOnAndReplacesTheCopy() {
        ResponseCacheFilter filter = filter("stale-if-error: 1h");
        Upstream upstream = thenFailing(404, "Cache-Control", "max-age=10");
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(20));

        Response gone = send(filter, upstream);

        assertEquals(404, gone.status());
        assertEquals("EXPIRED", cacheStatus(gone));
    }

    @Test
    void anUpstreamCallThatThrowsIsAnsweredForToo() {
        ResponseCacheFilter filter = filter("stale-if-error: 1m");
        Upstream upstream = new Upstream((request, hit) -> {
            if (hit > 1) {
                throw new UncheckedIOException(new IOException("connection reset"));
            }
            return new Response(200, Headers.of("Cache-Control", "max-age=10", "Content-Length", "5"), Body.of("hit 1"));
        });
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(20));

        assertEquals("hit 1", body(send(filter, upstream)));
    }

    @Test
    void aRevalidationTheUpstreamFailsServesTheStaleCopy() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = thenFailing(503, "Cache-Control", "max-age=10, stale-if-error=60", "ETag", "\"v1\"");
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(20));

        Response stale = send(filter, upstream);

        assertEquals("\"v1\"", upstream.received().get(1).headers().first("If-None-Match").orElseThrow(),
                "it was a revalidation");
        assertEquals("STALE", cacheStatus(stale));
        assertEquals("hit 1", body(stale));
    }

    @Test
    void aStaleAnswerIsStillACopyOnlyUntilTheUpstreamAnswersAgain() {
        ResponseCacheFilter filter = filter("stale-if-error: 1m");
        Upstream upstream = new Upstream((request, hit) -> {
            if (hit == 2) {
                return new Response(503, Headers.empty(), Body.empty());
            }
            byte[] body = ("hit " + hit).getBytes();
            return new Response(200, Headers.of("Cache-Control", "max-age=10", "Content-Length", "" + body.length),
                    Body.of(body));
        });
        send(filter, upstream);
        clock.advance(Duration.ofSeconds(20));
        send(filter, upstream);

        Response recovered = send(filter, upstream);

        assertEquals("EXPIRED", cacheStatus(recovered), "a stale answer does not make the copy fresh");
        assertEquals("hit 3", body(recovered));
        assertEquals("HIT", cacheStatus(send(filter, upstream)));
    }
}
