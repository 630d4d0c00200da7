package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import io.turnpike.api.Headers;
import io.turnpike.api.SharedState;
import io.turnpike.plugins.responsecache.Fixtures.TestClock;
import org.junit.jupiter.api.Test;

/** The route stores: which settings keep a store, what a route shows, what a purge reaches, what a release empties. */
class RouteCachesTest {

    private static final RouteCaches.Shape CATALOG = shape("catalog", "");

    private final TestClock clock = new TestClock();
    private final List<CaffeineCacheStore> made = new CopyOnWriteArrayList<>();
    private final RouteCaches caches = new RouteCaches(shape -> {
        CaffeineCacheStore store = new CaffeineCacheStore(shape.maxMemory(), clock);
        made.add(store);
        return store;
    });

    private static RouteCaches.Shape shape(String routeId, String yaml) {
        return RouteCaches.Shape.of(routeId, Fixtures.settings(yaml));
    }

    private void storeOne(CacheStore store, String routeId, String path) {
        store.put(new PrimaryKey(routeId, "GET", "shop.example", path, "", PrimaryKey.ANONYMOUS), List.of(), List.of(),
                new CachedResponse(200, Headers.empty(), new byte[10], clock.instant(), Duration.ZERO, Duration.ofMinutes(1),
                        Duration.ZERO));
    }

    @Test
    void aStoreKeepsItsAnswersWhileAnyHolderRemains() {
        SharedState.Lease<CacheStore> old = caches.acquire(CATALOG);
        storeOne(old.state(), "catalog", "/a");
        SharedState.Lease<CacheStore> next = caches.acquire(CATALOG);

        old.close();

        assertEquals(1, caches.holders(CATALOG));
        assertEquals(1, next.state().usage().entries());
    }

    @Test
    void theLastReleaseEmptiesTheStoreAndForgetsTheRoute() {
        SharedState.Lease<CacheStore> only = caches.acquire(CATALOG);
        storeOne(only.state(), "catalog", "/a");

        only.close();

        assertEquals(0, made.get(0).usage().entries());
        assertEquals(Map.of(), caches.usage());
        assertEquals(OptionalLong.empty(), caches.purge("catalog"));
    }

    @Test
    void settingsThatChangeWhatIsStoredGetAFreshStore() {
        List<String> changes = List.of("methods: [GET]", "statuses: [200]", "default-ttl: 1m", "max-ttl: 10m",
                "max-memory: 1MiB", "max-entry-size: 64KiB", "store-set-cookie: true", "store-authorized: true");
        SharedState.Lease<CacheStore> original = caches.acquire(CATALOG);

        for (String change : changes) {
            assertNotSame(original.state(), caches.acquire(shape("catalog", change)).state(), change);
        }
        assertNotSame(original.state(), caches.acquire(shape("other", "")).state());
    }

    @Test
    void settingsThatOnlyGovernServingKeepTheStore() {
        SharedState.Lease<CacheStore> original = caches.acquire(CATALOG);

        SharedState.Lease<CacheStore> next = caches.acquire(shape("catalog",
                "allow-client-bypass: false\nlock-timeout: 30s\ninvalidate-on-unsafe-methods: false"));

        assertSame(original.state(), next.state());
    }

    @Test
    void aChangedRouteShowsItsNewStoreAndTheOldOneGoesWithItsLastHolder() {
        SharedState.Lease<CacheStore> old = caches.acquire(CATALOG);
        storeOne(old.state(), "catalog", "/a");
        SharedState.Lease<CacheStore> next = caches.acquire(shape("catalog", "default-ttl: 1m"));

        assertEquals(Map.of("catalog", next.state().usage()), caches.usage());
        old.close();

        assertEquals(0, made.get(0).usage().entries());
        assertEquals(1, caches.holders(shape("catalog", "default-ttl: 1m")));
        assertEquals(0, caches.holders(CATALOG));
        assertEquals(List.of("catalog"), List.copyOf(caches.usage().keySet()));
    }

    @Test
    void whenTheNewerStoreGoesFirstTheOlderOneIsShownAgain() {
        SharedState.Lease<CacheStore> old = caches.acquire(CATALOG);
        storeOne(old.state(), "catalog", "/a");
        // a reload whose runtime failed to build releases what it acquired; the running one stays
        caches.acquire(shape("catalog", "default-ttl: 1m")).close();

        assertEquals(1, caches.usage().get("catalog").entries());
    }

    @Test
    void purgingARouteEmptiesEveryStoreItHolds() {
        SharedState.Lease<CacheStore> old = caches.acquire(CATALOG);
        SharedState.Lease<CacheStore> next = caches.acquire(shape("catalog", "default-ttl: 1m"));
        SharedState.Lease<CacheStore> other = caches.acquire(shape("other", ""));
        storeOne(old.state(), "catalog", "/a");
        storeOne(next.state(), "catalog", "/b");
        storeOne(other.state(), "other", "/a");

        assertEquals(OptionalLong.of(2), caches.purge("catalog"));
        assertEquals(1, caches.purgeAll());
    }
}
