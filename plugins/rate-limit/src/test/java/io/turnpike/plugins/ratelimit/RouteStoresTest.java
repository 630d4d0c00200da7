package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RouteStoresTest {

    private static final List<Limit> TEN_PER_MINUTE = List.of(new Limit("minute", 10, 60_000));
    private static final RouteStores.Shape API = RouteStores.Shape.of("api", TEN_PER_MINUTE, KeyBy.IP, null, 100);

    private final List<CountingStore> made = new CopyOnWriteArrayList<>();
    private final RouteStores stores = new RouteStores(shape -> {
        CountingStore store = new CountingStore();
        made.add(store);
        return store;
    });

    @Test
    void theFirstAcquireOfAShapeMakesItsStore() {
        RouteStores.Lease lease = stores.acquire(API);

        assertEquals(List.of(lease.store()), made);
        assertEquals(1, stores.holders(API));
    }

    @Test
    void aSecondAcquireOfTheSameShapeSharesTheStoreAndCountsItsHolder() {
        RouteStores.Lease old = stores.acquire(API);
        RouteStores.Lease next = stores.acquire(RouteStores.Shape.of("api", List.copyOf(TEN_PER_MINUTE), KeyBy.IP, null, 100));

        assertSame(old.store(), next.store());
        assertEquals(1, made.size());
        assertEquals(2, stores.holders(API));
    }

    @Test
    void aStoreOutlivesItsFirstHolderWhileAnotherHoldsIt() {
        RouteStores.Lease old = stores.acquire(API);
        RouteStores.Lease next = stores.acquire(API);

        old.close();

        assertEquals(1, stores.holders(API));
        assertEquals(0, ((CountingStore) next.store()).closes.get());
    }

    @Test
    void theStoreIsClosedAndForgottenWhenItsLastHolderReleasesIt() {
        RouteStores.Lease only = stores.acquire(API);

        only.close();

        assertEquals(0, stores.size());
        assertEquals(1, made.get(0).closes.get());
        assertNotSame(only.store(), stores.acquire(API).store());
    }

    @Test
    void aChangedShapeGetsAFreshStoreAndTheOldOneGoesWithItsLastHolder() {
        RouteStores.Lease old = stores.acquire(API);
        RouteStores.Shape tighter = RouteStores.Shape.of("api", List.of(new Limit("minute", 5, 60_000)), KeyBy.IP, null, 100);

        RouteStores.Lease next = stores.acquire(tighter);
        assertNotSame(old.store(), next.store());
        old.close();

        assertEquals(1, stores.size());
        assertEquals(1, made.get(0).closes.get());
        assertEquals(0, made.get(1).closes.get());
    }

    @Test
    void everyPartOfTheShapeSeparatesStores() {
        List<RouteStores.Shape> shapes = List.of(API,
                RouteStores.Shape.of("other", TEN_PER_MINUTE, KeyBy.IP, null, 100),
                RouteStores.Shape.of("api", List.of(new Limit("hour", 10, 3_600_000)), KeyBy.IP, null, 100),
                RouteStores.Shape.of("api", TEN_PER_MINUTE, KeyBy.ROUTE, null, 100),
                RouteStores.Shape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "x-api-key", 100),
                RouteStores.Shape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "x-client", 100),
                RouteStores.Shape.of("api", TEN_PER_MINUTE, KeyBy.IP, null, 200));

        shapes.forEach(stores::acquire);

        assertEquals(shapes.size(), made.size());
    }

    @Test
    void aHeaderNameDiffersOnlyInCaseIsTheSameShape() {
        assertEquals(RouteStores.Shape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "X-Api-Key", 100),
                RouteStores.Shape.of("api", TEN_PER_MINUTE, KeyBy.HEADER, "x-api-key", 100));
    }

    @Test
    void closingALeaseTwiceReleasesOnce() {
        RouteStores.Lease old = stores.acquire(API);
        stores.acquire(API);

        old.close();
        old.close();

        assertEquals(1, stores.holders(API));
        assertEquals(0, made.get(0).closes.get());
    }

    @Test
    void concurrentAcquiresAndReleasesLeaveNothingBehindAndCloseEachStoreOnce() throws Exception {
        int threads = 16;
        int rounds = 500;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < rounds; i++) {
                        RouteStores.Lease lease = stores.acquire(API);
                        assertEquals(0, ((CountingStore) lease.store()).closes.get(), "a held store was closed");
                        lease.close();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        }

        assertEquals(0, stores.size());
        assertTrue(made.stream().allMatch(store -> store.closes.get() == 1));
    }

    private static final class CountingStore implements CounterStore {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public Decision tryAcquire(String key, List<Limit> limits, long nowMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
