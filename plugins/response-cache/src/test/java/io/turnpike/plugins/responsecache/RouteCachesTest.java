package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.turnpike.api.Headers;
import io.turnpike.plugins.responsecache.Fixtures.TestClock;
import org.junit.jupiter.api.Test;

/** The registry of route stores: shared while a shape is held, fresh when it changes, gone with its last holder. */
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
                new CachedResponse(200, Headers.empty(), new byte[10], clock.instant(), Duration.ZERO, Duration.ofMinutes(1)));
    }

    @Test
    void aSecondAcquireOfTheSameShapeSharesTheStoreAndCountsItsHolder() {
        RouteCaches.Lease old = caches.acquire(CATALOG);
        RouteCaches.Lease next = caches.acquire(shape("catalog", ""));

        assertSame(old.store(), next.store());
        assertEquals(1, made.size());
        assertEquals(2, caches.holders(CATALOG));
    }

    @Test
    void aStoreKeepsItsAnswersWhileAnyHolderRemains() {
        RouteCaches.Lease old = caches.acquire(CATALOG);
        storeOne(old.store(), "catalog", "/a");
        RouteCaches.Lease next = caches.acquire(CATALOG);

        old.close();

        assertEquals(1, caches.holders(CATALOG));
        assertEquals(1, next.store().usage().entries());
    }

    @Test
    void theLastReleaseEmptiesTheStoreAndForgetsTheRoute() {
        RouteCaches.Lease only = caches.acquire(CATALOG);
        storeOne(only.store(), "catalog", "/a");

        only.close();

        assertEquals(0, made.get(0).usage().entries());
        assertEquals(Map.of(), caches.usage());
        assertEquals(OptionalLong.empty(), caches.purge("catalog"));
    }

    @Test
    void settingsThatChangeWhatIsStoredGetAFreshStore() {
        List<String> changes = List.of("methods: [GET]", "statuses: [200]", "default-ttl: 1m", "max-ttl: 10m",
                "max-memory: 1MiB", "max-entry-size: 64KiB", "store-set-cookie: true", "store-authorized: true");
        RouteCaches.Lease original = caches.acquire(CATALOG);

        for (String change : changes) {
            assertNotSame(original.store(), caches.acquire(shape("catalog", change)).store(), change);
        }
        assertNotSame(original.store(), caches.acquire(shape("other", "")).store());
    }

    @Test
    void settingsThatOnlyGovernServingKeepTheStore() {
        RouteCaches.Lease original = caches.acquire(CATALOG);

        RouteCaches.Lease next = caches.acquire(shape("catalog", "allow-client-bypass: false\nlock-timeout: 30s"));

        assertSame(original.store(), next.store());
    }

    @Test
    void aChangedRouteShowsItsNewStoreAndTheOldOneGoesWithItsLastHolder() {
        RouteCaches.Lease old = caches.acquire(CATALOG);
        storeOne(old.store(), "catalog", "/a");
        RouteCaches.Lease next = caches.acquire(shape("catalog", "default-ttl: 1m"));

        assertEquals(Map.of("catalog", next.store().usage()), caches.usage());
        old.close();

        assertEquals(0, made.get(0).usage().entries());
        assertEquals(1, caches.holders(shape("catalog", "default-ttl: 1m")));
        assertEquals(0, caches.holders(CATALOG));
        assertEquals(List.of("catalog"), List.copyOf(caches.usage().keySet()));
    }

    @Test
    void whenTheNewerStoreGoesFirstTheOlderOneIsShownAgain() {
        RouteCaches.Lease old = caches.acquire(CATALOG);
        storeOne(old.store(), "catalog", "/a");
        // a reload whose runtime failed to build releases what it acquired; the running one stays
        caches.acquire(shape("catalog", "default-ttl: 1m")).close();

        assertEquals(1, caches.usage().get("catalog").entries());
    }

    @Test
    void purgingARouteEmptiesEveryStoreItHolds() {
        RouteCaches.Lease old = caches.acquire(CATALOG);
        RouteCaches.Lease next = caches.acquire(shape("catalog", "default-ttl: 1m"));
        RouteCaches.Lease other = caches.acquire(shape("other", ""));
        storeOne(old.store(), "catalog", "/a");
        storeOne(next.store(), "catalog", "/b");
        storeOne(other.store(), "other", "/a");

        assertEquals(OptionalLong.of(2), caches.purge("catalog"));
        assertEquals(1, caches.purgeAll());
    }

    @Test
    void closingALeaseTwiceReleasesOnce() {
        RouteCaches.Lease old = caches.acquire(CATALOG);
        caches.acquire(CATALOG);

        old.close();
        old.close();

        assertEquals(1, caches.holders(CATALOG));
    }

    @Test
    void concurrentAcquiresAndReleasesLeaveNothingBehind() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 16; t++) {
                RouteCaches.Shape shape = shape("catalog", t % 2 == 0 ? "" : "default-ttl: 1m");
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 500; i++) {
                        caches.acquire(shape).close();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        }

        assertEquals(Map.of(), caches.usage());
        assertEquals(0, caches.holders(CATALOG));
        assertEquals(0, caches.holders(shape("catalog", "default-ttl: 1m")));
    }
}
