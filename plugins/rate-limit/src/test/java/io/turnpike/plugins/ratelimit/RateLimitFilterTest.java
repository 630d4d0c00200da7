package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.turnpike.api.AttributeKey;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Consumer;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.IpRange;
import io.turnpike.api.Phase;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import org.junit.jupiter.api.Test;

class RateLimitFilterTest {

    private static final long START = 1_700_000_040_000L;

    private final FakeTime time = new FakeTime(START);
    private static final RouteContext ROUTE = new RouteContext("api");

    private final RateLimitPlugin plugin = new RateLimitPlugin(time, time);

    private static RateLimitConfig config(Long minute, String by, String header) {
        return new RateLimitConfig(null, minute, null, null, by, header, null, null, null, null);
    }

    @Test
    void anAnswerThatPassedCarriesWhereTheKeyStands() throws Exception {
        Filter filter = plugin.create(config(3L, "ip", null), ROUTE);

        Response response = filter.handle(client("192.0.2.1", null), chain(Headers.empty()));

        assertEquals(200, response.status());
        assertEquals(Optional.of("3"), response.headers().first("RateLimit-Limit"));
        assertEquals(Optional.of("2"), response.headers().first("RateLimit-Remaining"));
        assertEquals(Optional.of("60"), response.headers().first("RateLimit-Reset"));
        assertEquals(Optional.of("3;w=60"), response.headers().first("RateLimit-Policy"));
        assertFalse(response.headers().contains("Retry-After"));
        assertFalse(response.headers().contains("X-RateLimit-Limit-Minute"));
    }

    @Test
    void overTheLimitTheAnswerIs429WithRetryAfter() throws Exception {
        Filter filter = plugin.create(config(1L, "ip", null), ROUTE);
        filter.handle(client("192.0.2.1", null), chain(Headers.empty()));

        ProblemException refused = assertThrows(ProblemException.class,
                () -> filter.handle(client("192.0.2.1", null), chain(Headers.empty())));

        assertEquals(429, refused.status());
        assertEquals(Optional.of("0"), refused.headers().first("RateLimit-Remaining"));
        // one per minute, used at the start of a minute: the next passes two minutes on, when it is forgotten
        assertEquals(Optional.of("120"), refused.headers().first("Retry-After"));
        assertEquals(Optional.of("120"), refused.headers().first("RateLimit-Reset"));
    }

    @Test
    void anAuthenticatedConsumerIsCountedByNameWhereverItComesFrom() throws Exception {
        Filter filter = plugin.create(config(1L, "consumer", null), ROUTE);
        filter.handle(client("192.0.2.1", "alice"), chain(Headers.empty()));

        assertThrows(ProblemException.class, () -> filter.handle(client("192.0.2.2", "alice"), chain(Headers.empty())));
        assertEquals(200, filter.handle(client("192.0.2.1", "bob"), chain(Headers.empty())).status());
    }

    @Test
    void anAnonymousRequestByConsumerIsCountedByClientIp() throws Exception {
        Filter filter = plugin.create(config(1L, "consumer", null), ROUTE);
        filter.handle(client("192.0.2.1", null), chain(Headers.empty()));

        assertThrows(ProblemException.class, () -> filter.handle(client("192.0.2.1", null), chain(Headers.empty())));
        assertEquals(200, filter.handle(client("192.0.2.2", null), chain(Headers.empty())).status());
    }

    @Test
    void guestsOfTheRoutesAnonymousConsumerAreCountedByClientIpNotTogether() throws Exception {
        Filter filter = plugin.create(config(1L, "consumer", null), ROUTE);
        filter.handle(guest("192.0.2.1"), chain(Headers.empty()));

        assertThrows(ProblemException.class, () -> filter.handle(guest("192.0.2.1"), chain(Headers.empty())));
        assertEquals(200, filter.handle(guest("192.0.2.2"), chain(Headers.empty())).status());
    }

    @Test
    void aRequestWithoutTheHeaderIsCountedByClientIp() throws Exception {
        Filter filter = plugin.create(config(1L, "header", "X-Api-Key"), ROUTE);
        filter.handle(client("192.0.2.1", null), chain(Headers.of("X-Api-Key", "k1")));

        assertEquals(200, filter.handle(client("192.0.2.1", null), chain(Headers.empty())).status());
        assertThrows(ProblemException.class, () -> filter.handle(client("192.0.2.1", null), chain(Headers.empty())));
    }

    @Test
    void byRouteEveryClientSharesOneQuota() throws Exception {
        Filter filter = plugin.create(config(1L, "route", null), ROUTE);
        filter.handle(client("192.0.2.1", null), chain(Headers.empty()));

        assertThrows(ProblemException.class, () -> filter.handle(client("192.0.2.2", null), chain(Headers.empty())));
    }

    @Test
    void byGlobalRoutesWithTheSameLimitsShareOneQuotaAndOtherRoutesDoNot() throws Exception {
        Filter first = plugin.create(config(1L, "global", null), new RouteContext("first"));
        Filter second = plugin.create(config(1L, "global", null), new RouteContext("second"));
        Filter byRoute = plugin.create(config(1L, "route", null), new RouteContext("third"));
        first.handle(client("192.0.2.1", null), chain(Headers.empty()));

        assertThrows(ProblemException.class, () -> second.handle(client("192.0.2.2", null), chain(Headers.empty())));
        assertEquals(200, byRoute.handle(client("192.0.2.2", null), chain(Headers.empty())).status());
    }

    @Test
    void aVeryLongHeaderValueIsStillItsOwnKey() throws Exception {
        Filter filter = plugin.create(config(1L, "header", "X-Api-Key"), ROUTE);
        String longA = "a".repeat(5000);
        String longB = "a".repeat(4999) + "b";
        filter.handle(client("192.0.2.1", null), chain(Headers.of("X-Api-Key", longA)));

        assertEquals(200, filter.handle(client("192.0.2.1", null), chain(Headers.of("X-Api-Key", longB))).status());
        assertThrows(ProblemException.class,
                () -> filter.handle(client("192.0.2.1", null), chain(Headers.of("X-Api-Key", longA))));
    }

    @Test
    void theWindowClosestToRunningOutIsReported() throws Exception {
        Filter filter = plugin.create(new RateLimitConfig(10L, 300L, null, null, "ip", null, true, null, null, null), ROUTE);

        Response response = filter.handle(client("192.0.2.1", null), chain(Headers.empty()));

        assertEquals(Optional.of("10"), response.headers().first("RateLimit-Limit"));
        assertEquals(Optional.of("10;w=1, 300;w=60"), response.headers().first("RateLimit-Policy"));
        assertEquals(Optional.of("299"), response.headers().first("X-RateLimit-Remaining-Minute"));
        assertEquals(Optional.of("9"), response.headers().first("X-RateLimit-Remaining-Second"));
    }

    @Test
    void aReloadedRouteWithTheSameLimitsKeepsItsCounts() throws Exception {
        Filter old = plugin.create(config(1L, "ip", null), ROUTE);
        old.handle(client("192.0.2.1", null), chain(Headers.empty()));

        // as a reload does it: the new filter first, then the old one closes
        Filter reloaded = plugin.create(new RateLimitConfig(null, 1L, null, null, "ip", null, true, null, null, null), ROUTE);
        old.close();

        assertThrows(ProblemException.class, () -> reloaded.handle(client("192.0.2.1", null), chain(Headers.empty())));
    }

    @Test
    void aReloadedRouteWithChangedLimitsStartsAfresh() throws Exception {
        Filter old = plugin.create(config(1L, "ip", null), ROUTE);
        old.handle(client("192.0.2.1", null), chain(Headers.empty()));

        Filter reloaded = plugin.create(config(2L, "ip", null), ROUTE);
        old.close();

        assertEquals(200, reloaded.handle(client("192.0.2.1", null), chain(Headers.empty())).status());
        assertEquals(200, reloaded.handle(client("192.0.2.1", null), chain(Headers.empty())).status());
        assertThrows(ProblemException.class, () -> reloaded.handle(client("192.0.2.1", null), chain(Headers.empty())));
    }

    @Test
    void aRouteCreatedAfterItsLastFilterClosedStartsAfresh() throws Exception {
        Filter gone = plugin.create(config(1L, "ip", null), ROUTE);
        gone.handle(client("192.0.2.1", null), chain(Headers.empty()));
        gone.close();

        Filter back = plugin.create(config(1L, "ip", null), ROUTE);

        assertEquals(200, back.handle(client("192.0.2.1", null), chain(Headers.empty())).status());
    }

    @Test
    void routesWithTheSameLimitsCountApart() throws Exception {
        Filter api = plugin.create(config(1L, "route", null), ROUTE);
        Filter other = plugin.create(config(1L, "route", null), new RouteContext("other"));
        api.handle(client("192.0.2.1", null), chain(Headers.empty()));

        assertEquals(200, other.handle(client("192.0.2.1", null), chain(Headers.empty())).status());
    }

    private RateLimitFilter filterOver(CounterStore store) {
        List<Limit> limits = List.of(new Limit("minute", 5, 60_000));
        return new RateLimitFilter(limits, new RateLimitKeys(KeyBy.IP, null, limits), store, () -> { },
                new RateLimitHeaders(limits, false), time, Counter.NONE);
    }

    @Test
    void aStoreThatCannotCountMakesThe503OfOnRedisErrorRefuse() {
        RateLimitFilter filter = filterOver((key, limits, now) -> {
            throw new CounterStoreException("Redis at redis://10.0.0.9:6379 failed", null);
        });

        ProblemException refused = assertThrows(ProblemException.class,
                () -> filter.handle(client("192.0.2.1", null), chain(Headers.empty())));

        assertEquals(503, refused.status());
        assertEquals(Optional.of("1"), refused.headers().first("Retry-After"));
        assertFalse(refused.getMessage().contains("10.0.0.9"), "the client is not told where Redis is");
    }

    @Test
    void anUncountedRequestPassesWithoutRateLimitHeaders() throws Exception {
        Response response = filterOver((key, limits, now) -> Decision.uncounted())
                .handle(client("192.0.2.1", null), chain(Headers.empty()));

        assertEquals(200, response.status());
        assertFalse(response.headers().contains("RateLimit-Limit"));
        assertFalse(response.headers().contains("RateLimit-Policy"));
    }

    @Test
    void aConfigWithoutAnyLimitIsRefused() {
        assertEquals(List.of(new ConfigError("", "needs at least one of second, minute, hour and day, such as minute: 300")),
                plugin.validate(new RateLimitConfig(null, null, null, null, null, null, null, null, null, null)));
    }

    @Test
    void everyConfigMistakeIsNamedAtItsKey() {
        assertEquals(List.of("second", "by"), keys(new RateLimitConfig(0L, 10L, null, null, "user", null, null, null, null, null)));
        assertEquals(List.of("header"), keys(config(10L, "header", null)));
        assertEquals(List.of("header"), keys(config(10L, "header", "Bad Name")));
        assertEquals(List.of("header"), keys(config(10L, "ip", "X-Api-Key")));
        assertEquals(List.of("max-keys"), keys(new RateLimitConfig(null, 10L, null, null, null, null, null, 0, null, null)));
        assertEquals(List.of(), keys(new RateLimitConfig(1L, 2L, 3L, 4L, null, null, null, null, null, null)));
    }

    @Test
    void itRunsInTheTrafficPhaseAsRateLimit() {
        assertEquals("rate-limit", plugin.name());
        assertEquals(Phase.TRAFFIC, plugin.phase());
        assertEquals(RateLimitConfig.class, plugin.configType());
    }

    @Test
    void theExtensionIndexListsThePlugin() throws Exception {
        boolean listed = false;
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                listed |= new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .anyMatch(RateLimitPlugin.class.getName()::equals);
            }
        }
        assertTrue(listed, "META-INF/extensions.idx does not list the plugin");
    }

    private List<String> keys(RateLimitConfig config) {
        return plugin.validate(config).stream().map(ConfigError::key).toList();
    }

    private static Chain chain(Headers headers) {
        Request request = new Request("GET", "/", "", headers, Body.empty());
        return new Chain() {
            @Override
            public Request request() {
                return request;
            }

            @Override
            public Response proceed(Request next) {
                return Response.of(200);
            }
        };
    }

    private static Exchange client(String address, String consumer) {
        return exchange(address, consumer, false);
    }

    /** A caller no plugin recognised, given the route's anonymous consumer. */
    private static Exchange guest(String address) {
        return exchange(address, "anonymous", true);
    }

    private static Exchange exchange(String address, String consumer, boolean guest) {
        InetAddress ip = IpRange.literal(address).orElseThrow();
        Optional<Consumer> who = Optional.ofNullable(consumer).map(name -> new Consumer(name, Set.of()));
        return new Exchange() {
            @Override
            public String requestId() {
                return "test";
            }

            @Override
            public String routeId() {
                return "api";
            }

            @Override
            public InetAddress clientAddress() {
                return ip;
            }

            @Override
            public Optional<Consumer> consumer() {
                return who;
            }

            @Override
            public boolean guest() {
                return guest;
            }

            @Override
            public <T> Optional<T> attribute(AttributeKey<T> key) {
                return Optional.empty();
            }

            @Override
            public <T> void setAttribute(AttributeKey<T> key, T value) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
