package io.turnpike.plugins.responsecache;

import static io.turnpike.plugins.responsecache.Fixtures.body;
import static io.turnpike.plugins.responsecache.Fixtures.cacheStatus;
import static io.turnpike.plugins.responsecache.Fixtures.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;

import io.turnpike.api.Body;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.plugins.responsecache.Fixtures.TestClock;
import io.turnpike.plugins.responsecache.Fixtures.TestExchange;
import io.turnpike.plugins.responsecache.Fixtures.Upstream;
import org.junit.jupiter.api.Test;

/** The filter's rules, on a clock the tests move and an upstream that counts its hits. */
class ResponseCacheFilterTest {

    private static final Exchange ANONYMOUS = TestExchange.anonymous("shop");

    private final TestClock clock = new TestClock();

    private ResponseCacheFilter filter(String yaml) {
        return Fixtures.filter(yaml, clock);
    }

    private static Response send(ResponseCacheFilter filter, Upstream upstream, Exchange exchange, Request request) {
        return filter.handle(exchange, upstream.chain(request));
    }

    private static Response send(ResponseCacheFilter filter, Upstream upstream, Request request) {
        return send(filter, upstream, ANONYMOUS, request);
    }

    @Test
    void theFirstRequestMissesAndTheSecondIsAnsweredFromTheCache() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        Response first = send(filter, upstream, get("/items/1"));
        Response second = send(filter, upstream, get("/items/1"));

        assertEquals("MISS", cacheStatus(first));
        assertEquals("HIT", cacheStatus(second));
        assertEquals("hit 1", body(second));
        assertEquals(1, upstream.hits());
    }

    @Test
    void ageCountsTheSecondsSinceTheAnswerArrivedPlusTheUpstreamsAge() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "Age", "5");

        send(filter, upstream, get("/items/1"));
        clock.advance(Duration.ofSeconds(7));

        assertEquals("12", send(filter, upstream, get("/items/1")).headers().first("Age").orElseThrow());
    }

    @Test
    void aStaleCopyIsReplacedFromTheUpstreamAndReportedExpired() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=10");
        send(filter, upstream, get("/items/1"));

        clock.advance(Duration.ofSeconds(10));
        Response expired = send(filter, upstream, get("/items/1"));
        Response again = send(filter, upstream, get("/items/1"));

        assertEquals("EXPIRED", cacheStatus(expired));
        assertEquals("hit 2", body(expired));
        assertEquals("HIT", cacheStatus(again));
        assertEquals("hit 2", body(again));
    }

    /** Answers 200 with an ETag and {@code hit <n>} the first time, then 304 to a request carrying that tag. */
    private static Upstream withETag(String... more) {
        return new Upstream((request, hit) -> {
            if (request.headers().first("If-None-Match").filter("\"v1\""::equals).isPresent()) {
                return new Response(304, Headers.of(more).with("ETag", "\"v1\""), Body.empty());
            }
            byte[] body = ("hit " + hit).getBytes();
            return new Response(200, Headers.of("Cache-Control", "max-age=10", "ETag", "\"v1\"", "X-Version", "1")
                    .with("Content-Length", "" + body.length), Body.of(body));
        });
    }

    @Test
    void aStaleCopyWithAnETagIsRevalidatedAndA304MakesItFreshAgain() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = withETag("Cache-Control", "max-age=30", "X-Version", "2");
        send(filter, upstream, get("/items/1"));
        clock.advance(Duration.ofSeconds(10));

        Response revalidated = send(filter, upstream, get("/items/1"));

        assertEquals("\"v1\"", upstream.received().get(1).headers().first("If-None-Match").orElseThrow());
        assertEquals("REVALIDATED", cacheStatus(revalidated));
        assertEquals(200, revalidated.status());
        assertEquals("hit 1", body(revalidated), "the stored body, not fetched again");
        assertEquals("2", revalidated.headers().first("X-Version").orElseThrow(), "the 304's fields replace the stored ones");
        clock.advance(Duration.ofSeconds(20));
        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1"))), "fresh for the 304's max-age");
        assertEquals(2, upstream.hits());
    }

    @Test
    void aRevalidationAnsweredWithANewVersionReplacesTheCopy() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=10", "ETag", "\"v1\"");
        send(filter, upstream, get("/items/1"));
        clock.advance(Duration.ofSeconds(10));

        Response expired = send(filter, upstream, get("/items/1"));

        assertEquals("\"v1\"", upstream.received().get(1).headers().first("If-None-Match").orElseThrow());
        assertEquals("EXPIRED", cacheStatus(expired));
        assertEquals("hit 2", body(expired));
        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void aStaleCopyWithoutValidatorsIsFetchedUnconditionally() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=10");
        send(filter, upstream, get("/items/1"));
        clock.advance(Duration.ofSeconds(10));

        send(filter, upstream, get("/items/1"));

        assertTrue(upstream.received().get(1).headers().first("If-None-Match").isEmpty());
        assertTrue(upstream.received().get(1).headers().first("If-Modified-Since").isEmpty());
    }

    @Test
    void a304ThatNowForbidsStoringServesTheCopyOnceAndKeepsNothing() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = withETag("Cache-Control", "no-store");
        send(filter, upstream, get("/items/1"));
        clock.advance(Duration.ofSeconds(10));

        Response once = send(filter, upstream, get("/items/1"));

        assertEquals("REVALIDATED", cacheStatus(once));
        assertEquals("hit 1", body(once));
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))), "the copy was removed");
    }

    @Test
    void sMaxageOutranksMaxAgeForASharedCache() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=600, s-maxage=5");
        send(filter, upstream, get("/items/1"));

        clock.advance(Duration.ofSeconds(6));

        assertEquals("EXPIRED", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void theDefaultTtlAppliesOnlyWhenTheUpstreamSaysNothing() {
        ResponseCacheFilter filter = filter("default-ttl: 30s");
        Upstream silent = Upstream.answering();
        send(filter, silent, get("/silent"));

        clock.advance(Duration.ofSeconds(29));
        assertEquals("HIT", cacheStatus(send(filter, silent, get("/silent"))));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("EXPIRED", cacheStatus(send(filter, silent, get("/silent"))));
    }

    @Test
    void aZeroDefaultTtlStoresOnlyExplicitFreshness() {
        ResponseCacheFilter filter = filter("default-ttl: 0s");
        Upstream silent = Upstream.answering();

        send(filter, silent, get("/silent"));

        assertEquals("MISS", cacheStatus(send(filter, silent, get("/silent"))));
    }

    @Test
    void maxTtlCapsTheUpstreamsFreshness() {
        ResponseCacheFilter filter = filter("max-ttl: 10s");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=3600");
        send(filter, upstream, get("/items/1"));

        clock.advance(Duration.ofSeconds(10));

        assertEquals("EXPIRED", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void expiresMinusDateIsTheLifetimeWhenThereIsNoMaxAge() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Date", "Wed, 01 Jan 2025 00:00:00 GMT",
                "Expires", "Wed, 01 Jan 2025 00:00:20 GMT");
        send(filter, upstream, get("/items/1"));

        clock.advance(Duration.ofSeconds(19));
        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1"))));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("EXPIRED", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void anInvalidExpiresMeansAlreadyStaleSoNothingIsStored() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Expires", "0");
        send(filter, upstream, get("/items/1"));

        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void privateNoStoreAndNoCacheAnswersAreNeverStored() {
        for (String directive : new String[] {"private, max-age=60", "no-store", "no-cache, max-age=60",
                "private=\"X-User\", max-age=60"}) {
            ResponseCacheFilter filter = filter("");
            Upstream upstream = Upstream.answering("Cache-Control", directive);

            send(filter, upstream, get("/me"));
            Response second = send(filter, upstream, get("/me"));

            assertEquals("MISS", cacheStatus(second), directive);
            assertEquals(2, upstream.hits(), directive);
        }
    }

    @Test
    void answersWithSetCookieAreNotStoredByDefault() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "Set-Cookie", "session=abc");

        send(filter, upstream, get("/items/1"));

        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void whenConfiguredSetCookieAnswersAreStoredWithoutTheCookie() {
        ResponseCacheFilter filter = filter("store-set-cookie: true");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "Set-Cookie", "session=abc");

        Response first = send(filter, upstream, get("/items/1"));
        Response second = send(filter, upstream, get("/items/1"));

        assertEquals("HIT", cacheStatus(second));
        assertFalse(second.headers().contains("Set-Cookie"));
        assertEquals("MISS", cacheStatus(first));
    }

    @Test
    void answersWithVaryStarAreNotStored() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "Vary", "*");

        send(filter, upstream, get("/items/1"));

        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void requestsWithAuthorizationOnAnUnauthenticatedRouteBypassTheCache() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        Response first = send(filter, upstream, get("/items/1", "Authorization", "Bearer alice"));
        Response second = send(filter, upstream, get("/items/1", "Authorization", "Bearer bob"));

        assertEquals("BYPASS", cacheStatus(first));
        assertEquals("BYPASS", cacheStatus(second));
        assertEquals(2, upstream.hits());
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void withStoreAuthorizedAnUpstreamVaryingOnAuthorizationKeepsCallersApart() {
        ResponseCacheFilter filter = filter("store-authorized: true");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "Vary", "Authorization");

        send(filter, upstream, get("/items/1", "Authorization", "Bearer alice"));
        Response bob = send(filter, upstream, get("/items/1", "Authorization", "Bearer bob"));
        Response alice = send(filter, upstream, get("/items/1", "Authorization", "Bearer alice"));

        assertEquals("MISS", cacheStatus(bob));
        assertEquals("hit 2", body(bob));
        assertEquals("HIT", cacheStatus(alice));
        assertEquals("hit 1", body(alice));
    }

    @Test
    void oneConsumersAnswerIsNeverServedToAnother() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        Response alice = send(filter, upstream, TestExchange.of("shop", "alice"), get("/me", "Authorization", "k1"));
        Response bob = send(filter, upstream, TestExchange.of("shop", "bob"), get("/me", "Authorization", "k2"));
        Response aliceAgain = send(filter, upstream, TestExchange.of("shop", "alice"), get("/me", "Authorization", "k1"));
        Response anonymous = send(filter, upstream, get("/me"));

        assertEquals("MISS", cacheStatus(alice));
        assertEquals("MISS", cacheStatus(bob));
        assertEquals("hit 2", body(bob));
        assertEquals("HIT", cacheStatus(aliceAgain));
        assertEquals("hit 1", body(aliceAgain));
        assertEquals("MISS", cacheStatus(anonymous));
    }

    @Test
    void oneConsumersRequestsWithDifferentAuthorizationDoNotShareAnAnswer() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "public, max-age=60");

        send(filter, upstream, TestExchange.of("shop", "guest"), get("/me", "Authorization", "Bearer carol"));
        Response dave = send(filter, upstream, TestExchange.of("shop", "guest"), get("/me", "Authorization", "Bearer dave"));
        Response carol = send(filter, upstream, TestExchange.of("shop", "guest"), get("/me", "Authorization", "Bearer carol"));

        assertEquals("MISS", cacheStatus(dave));
        assertEquals("hit 2", body(dave));
        assertEquals("HIT", cacheStatus(carol));
        assertEquals("hit 1", body(carol));
    }

    @Test
    void oneRoutesAnswerIsNeverServedToAnotherEvenInOneStore() {
        Settings settings = Fixtures.settings("");
        CaffeineCacheStore shared = new CaffeineCacheStore(settings.maxMemory(), clock);
        ResponseCacheFilter filter = new ResponseCacheFilter(settings, shared, clock, () -> { }, CacheCounts.NONE);
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        send(filter, upstream, TestExchange.anonymous("shop"), get("/items/1"));
        Response otherRoute = send(filter, upstream, TestExchange.anonymous("admin"), get("/items/1"));

        assertEquals("MISS", cacheStatus(otherRoute));
        assertEquals(1, shared.invalidateRoute("shop"));
    }

    @Test
    void varyKeepsEachVariantApart() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = new Upstream((request, hit) -> new Response(200, Headers.of(
                "Cache-Control", "max-age=60", "Vary", "Accept-Language"),
                Body.of(request.headers().first("Accept-Language").orElse("none") + " " + hit)));

        send(filter, upstream, get("/greeting", "Accept-Language", "fr"));
        Response german = send(filter, upstream, get("/greeting", "Accept-Language", "de"));
        Response french = send(filter, upstream, get("/greeting", "Accept-Language", "fr"));
        Response none = send(filter, upstream, get("/greeting"));

        assertEquals("MISS", cacheStatus(german));
        assertEquals("de 2", body(german));
        assertEquals("HIT", cacheStatus(french));
        assertEquals("fr 1", body(french));
        assertEquals("MISS", cacheStatus(none));
    }

    @Test
    void theQueryOrderDoesNotMatterButItsValuesDo() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        send(filter, upstream, get("/search?q=a&page=2"));

        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/search?page=2&q=a"))));
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/search?page=3&q=a"))));
    }

    @Test
    void aMatchingIfNoneMatchIsAnswered304FromTheCache() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "ETag", "\"v1\"");
        send(filter, upstream, get("/items/1"));

        Response response = send(filter, upstream, get("/items/1", "If-None-Match", "\"v0\", W/\"v1\""));

        assertEquals(304, response.status());
        assertEquals("HIT", cacheStatus(response));
        assertEquals("\"v1\"", response.headers().first("ETag").orElseThrow());
        assertEquals(0, response.body().length());
        assertEquals(1, upstream.hits());
    }

    @Test
    void aStaleIfNoneMatchGetsTheWholeAnswer() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "ETag", "\"v2\"");
        send(filter, upstream, get("/items/1"));

        Response response = send(filter, upstream, get("/items/1", "If-None-Match", "\"v1\""));

        assertEquals(200, response.status());
        assertEquals("hit 1", body(response));
    }

    @Test
    void ifModifiedSinceIsComparedWithLastModified() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60",
                "Last-Modified", "Tue, 31 Dec 2024 12:00:00 GMT");
        send(filter, upstream, get("/items/1"));

        Response notModified = send(filter, upstream,
                get("/items/1", "If-Modified-Since", "Tue, 31 Dec 2024 12:00:00 GMT"));
        Response modified = send(filter, upstream,
                get("/items/1", "If-Modified-Since", "Tue, 31 Dec 2024 11:59:59 GMT"));

        assertEquals(304, notModified.status());
        assertEquals(200, modified.status());
    }

    @Test
    void aConditionalMissIsSentUpstreamUnconditionallyAndAnsweredHere() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60", "ETag", "\"v1\"");

        Response response = send(filter, upstream, get("/items/1", "If-None-Match", "\"v1\""));

        assertEquals(304, response.status());
        assertEquals("MISS", cacheStatus(response));
        assertFalse(upstream.received().get(0).headers().contains("If-None-Match"));
        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void aClientsNoCacheBypassesTheLookupAndRefreshesTheStoredAnswer() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");
        send(filter, upstream, get("/items/1"));

        Response refreshed = send(filter, upstream, get("/items/1", "Cache-Control", "no-cache"));
        Response next = send(filter, upstream, get("/items/1"));

        assertEquals("BYPASS", cacheStatus(refreshed));
        assertEquals("hit 2", body(refreshed));
        assertEquals("HIT", cacheStatus(next));
        assertEquals("hit 2", body(next));
    }

    @Test
    void theOperatorCanMakeTheCacheIgnoreClientsNoCache() {
        ResponseCacheFilter filter = filter("allow-client-bypass: false");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");
        send(filter, upstream, get("/items/1"));

        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1", "Cache-Control", "no-cache"))));
        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1", "Cache-Control", "no-store"))));
    }

    @Test
    void methodsNotCachedAndRangeRequestsPassThroughMarkedBypass() {
        ResponseCacheFilter filter = filter("methods: [GET]");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        Response head = send(filter, upstream, get("/items/1").withMethod("HEAD"));
        Response post = send(filter, upstream, get("/items/1").withMethod("POST"));
        Response range = send(filter, upstream, get("/items/1", "Range", "bytes=0-1"));

        assertEquals("BYPASS", cacheStatus(head));
        assertEquals("BYPASS", cacheStatus(post));
        assertEquals("BYPASS", cacheStatus(range));
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void aRequestToSwitchToWebSocketIsNeverAnsweredFromTheCache() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");
        send(filter, upstream, get("/chat"));

        Response handshake = send(filter, upstream, get("/chat", "Upgrade", "websocket"));

        assertEquals("BYPASS", cacheStatus(handshake));
        assertEquals(2, upstream.hits(), "the upstream was asked to switch");
    }

    @Test
    void aSuccessfulUnsafeRequestInvalidatesItsUrlForEveryCaller() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");
        send(filter, upstream, get("/items/1"));
        send(filter, upstream, TestExchange.of("shop", "alice"), get("/items/1"));
        send(filter, upstream, get("/items/2"));

        Response put = send(filter, upstream, get("/items/1").withMethod("PUT"));

        assertEquals("BYPASS", cacheStatus(put));
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
        assertEquals("MISS", cacheStatus(send(filter, upstream, TestExchange.of("shop", "alice"), get("/items/1"))));
        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/2"))));
    }

    @Test
    void anUnsafeRequestThatFailsInvalidatesNothing() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = new Upstream((request, hit) -> request.method().equals("DELETE") ? Response.of(409)
                : new Response(200, Headers.of("Cache-Control", "max-age=60"), Body.of(("hit " + hit).getBytes())));
        send(filter, upstream, get("/items/1"));

        send(filter, upstream, get("/items/1").withMethod("DELETE"));

        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void theOperatorCanTurnInvalidationByUnsafeMethodsOff() {
        ResponseCacheFilter filter = filter("invalidate-on-unsafe-methods: false");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");
        send(filter, upstream, get("/graphql"));

        assertEquals("BYPASS", cacheStatus(send(filter, upstream, get("/graphql").withMethod("POST"))));

        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/graphql"))));
    }

    @Test
    void statusesOutsideTheListAreNotStored() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = new Upstream((request, hit) -> new Response(500,
                Headers.of("Cache-Control", "max-age=60"), Body.of("boom")));

        send(filter, upstream, get("/items/1"));

        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
    }

    @Test
    void aKnownLengthAboveTheEntryLimitPassesThroughUnread() {
        ResponseCacheFilter filter = filter("max-entry-size: 4");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        Response first = send(filter, upstream, get("/big"));

        assertEquals("MISS", cacheStatus(first));
        assertEquals("hit 1", body(first));
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/big"))));
    }

    @Test
    void aBodyOfUnknownLengthIsStoredOnceReadToItsEnd() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = chunked("chunked body");

        Response first = send(filter, upstream, get("/stream"));
        assertEquals("MISS", cacheStatus(first));
        assertEquals("chunked body", body(first));

        Response second = send(filter, upstream, get("/stream"));
        assertEquals("HIT", cacheStatus(second));
        assertEquals("chunked body", body(second));
    }

    @Test
    void aBodyOfUnknownLengthPastTheLimitStreamsWholeButIsNotStored() {
        ResponseCacheFilter filter = filter("max-entry-size: 8");
        Upstream upstream = chunked("more than eight bytes");

        assertEquals("more than eight bytes", body(send(filter, upstream, get("/stream"))));
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/stream"))));
    }

    @Test
    void aBodyOfUnknownLengthClosedBeforeItsEndIsNotStored() throws Exception {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = chunked("abandoned");

        try (InputStream in = send(filter, upstream, get("/stream")).body().stream()) {
            assertEquals('a', in.read());
        }

        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/stream"))));
    }

    @Test
    void aHeadIsAnsweredFromAStoredGetWithoutAskingTheUpstream() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        Response get = send(filter, upstream, get("/items/1"));
        Response head = send(filter, upstream, get("/items/1").withMethod("HEAD"));

        assertEquals("HIT", cacheStatus(head));
        assertEquals(1, upstream.received().size());
        assertEquals(get.headers().first("Content-Length"), head.headers().first("Content-Length"),
                "the length of the body a GET gets");
    }

    @Test
    void aStoredHeadIsNeverServedToAGet() {
        ResponseCacheFilter filter = filter("");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1").withMethod("HEAD"))));
        assertEquals("HIT", cacheStatus(send(filter, upstream, get("/items/1").withMethod("HEAD"))));
        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1"))));
        assertEquals("GET", upstream.received().get(1).method());
    }

    @Test
    void aHeadIsNotAnsweredFromAGetWhenGetsAreNotCached() {
        ResponseCacheFilter filter = filter("methods: [HEAD]");
        Upstream upstream = Upstream.answering("Cache-Control", "max-age=60");

        send(filter, upstream, get("/items/1"));

        assertEquals("MISS", cacheStatus(send(filter, upstream, get("/items/1").withMethod("HEAD"))));
    }

    private static Upstream chunked(String text) {
        return new Upstream((request, hit) -> new Response(200, Headers.of("Cache-Control", "max-age=60"),
                Body.of(new ByteArrayInputStream(text.getBytes()), -1)));
    }
}
