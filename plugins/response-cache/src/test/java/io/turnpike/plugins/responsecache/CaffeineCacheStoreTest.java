package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.Headers;
import io.turnpike.plugins.responsecache.Fixtures.TestClock;
import org.junit.jupiter.api.Test;

/** The in-memory store: its byte bound, its retention and its purge counts. */
class CaffeineCacheStoreTest {

    private final TestClock clock = new TestClock();

    private CachedResponse answer(int bytes, Duration lifetime) {
        return new CachedResponse(200, Headers.of("Cache-Control", "max-age=60"), new byte[bytes], clock.instant(),
                Duration.ZERO, lifetime, Duration.ZERO);
    }

    private static PrimaryKey key(String route, String path) {
        return new PrimaryKey(route, "GET", "shop.example", path, "", PrimaryKey.ANONYMOUS);
    }

    @Test
    void invalidatingAResourceRemovesEveryMethodCallerAndVariantOfItAndNothingElse() {
        CaffeineCacheStore store = new CaffeineCacheStore(1 << 20, clock);
        PrimaryKey get = key("shop", "/a");
        PrimaryKey head = new PrimaryKey("shop", "HEAD", "shop.example", "/a", "", PrimaryKey.ANONYMOUS);
        PrimaryKey alice = new PrimaryKey("shop", "GET", "shop.example", "/a", "", "consumer:alice");
        store.put(get, List.of("accept-language"), List.of("en"), answer(10, Duration.ofMinutes(1)));
        store.put(get, List.of("accept-language"), List.of("fr"), answer(10, Duration.ofMinutes(1)));
        store.put(head, List.of(), List.of(), answer(0, Duration.ofMinutes(1)));
        store.put(alice, List.of(), List.of(), answer(10, Duration.ofMinutes(1)));
        store.put(key("shop", "/b"), List.of(), List.of(), answer(10, Duration.ofMinutes(1)));
        store.put(new PrimaryKey("shop", "GET", "shop.example", "/a", "page=2", PrimaryKey.ANONYMOUS), List.of(), List.of(),
                answer(10, Duration.ofMinutes(1)));

        assertEquals(4, store.invalidate(get.resource()));

        assertTrue(store.varyOf(get).isEmpty());
        assertTrue(store.get(head, List.of()).isEmpty());
        assertTrue(store.get(alice, List.of()).isEmpty());
        assertTrue(store.get(key("shop", "/b"), List.of()).isPresent());
        assertEquals(2, store.usage().entries());
        assertEquals(0, store.invalidate(get.resource()));
    }

    @Test
    void removingOneAnswerKeepsItsOtherVariantsAndTheIndexInStep() {
        CaffeineCacheStore store = new CaffeineCacheStore(1 << 20, clock);
        PrimaryKey get = key("shop", "/a");
        store.put(get, List.of("accept-language"), List.of("en"), answer(10, Duration.ofMinutes(1)));
        store.put(get, List.of("accept-language"), List.of("fr"), answer(10, Duration.ofMinutes(1)));

        store.remove(get, List.of("en"));

        assertTrue(store.get(get, List.of("en")).isEmpty());
        assertTrue(store.get(get, List.of("fr")).isPresent());
        assertTrue(store.indexAgreesWithCache());
        assertEquals(1, store.invalidate(get.resource()), "only the other variant was left to remove");
    }

    @Test
    void theResourceIndexHoldsOnlyWhatTheCacheHolds() {
        CaffeineCacheStore store = new CaffeineCacheStore(64 * 1024, clock);

        for (int i = 0; i < 1_000; i++) {
            store.put(key("shop", "/" + i), List.of(), List.of(), answer(4096, Duration.ofMinutes(1)));
        }
        assertTrue(store.indexAgreesWithCache(), "after evictions");

        store.put(key("shop", "/a"), List.of(), List.of(), answer(10, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(store.indexAgreesWithCache(), "after expiry");

        store.invalidateAll();
        assertTrue(store.indexAgreesWithCache(), "after a purge");
    }

    @Test
    void theEstimatedBytesNeverExceedTheBound() {
        CaffeineCacheStore store = new CaffeineCacheStore(64 * 1024, clock);

        for (int i = 0; i < 100; i++) {
            store.put(key("shop", "/" + i), List.of(), List.of(), answer(4096, Duration.ofMinutes(1)));
        }

        CacheStore.Usage usage = store.usage();
        assertTrue(usage.bytes() <= 64 * 1024, usage.toString());
        assertTrue(usage.entries() > 0 && usage.entries() < 100, usage.toString());
    }

    @Test
    void aStaleCopyIsKeptAsLongAgainThenDropped() {
        CaffeineCacheStore store = new CaffeineCacheStore(1 << 20, clock);
        store.put(key("shop", "/a"), List.of(), List.of(), answer(10, Duration.ofSeconds(10)));

        clock.advance(Duration.ofSeconds(15));
        assertTrue(store.get(key("shop", "/a"), List.of()).isPresent());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(store.get(key("shop", "/a"), List.of()).isEmpty());
    }

    @Test
    void anAnswerNearlyStaleOnArrivalIsStillFoundOnceStale() {
        // Date has one-second resolution: a max-age=1 answer may arrive already 0.9 s old.
        CaffeineCacheStore store = new CaffeineCacheStore(1 << 20, clock);
        store.put(key("shop", "/a"), List.of(), List.of(), new CachedResponse(200, Headers.empty(), new byte[1],
                clock.instant(), Duration.ofMillis(900), Duration.ofSeconds(1), Duration.ZERO));

        clock.advance(Duration.ofMillis(500));
        Optional<CachedResponse> found = store.get(key("shop", "/a"), List.of());

        assertTrue(found.isPresent());
        assertFalse(found.get().isFresh(clock.instant()));
    }

    @Test
    void purgesCountTheAnswersRemovedAndSpareOtherRoutes() {
        CaffeineCacheStore store = new CaffeineCacheStore(1 << 20, clock);
        store.put(key("shop", "/a"), List.of(), List.of(), answer(10, Duration.ofMinutes(1)));
        store.put(key("shop", "/b"), List.of("accept"), List.of("=x"), answer(10, Duration.ofMinutes(1)));
        store.put(key("admin", "/a"), List.of(), List.of(), answer(10, Duration.ofMinutes(1)));

        assertEquals(2, store.invalidateRoute("shop"));
        assertEquals(1, store.usage().entries());
        assertEquals(1, store.invalidateAll());
        assertEquals(0, store.usage().entries());
    }
}
