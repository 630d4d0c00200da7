package io.turnpike.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** State shared while a key is held, fresh for another key, discarded with its last holder. */
class SharedStateTest {

    private record Shape(String routeId, int limit) {
    }

    private static final Shape API = new Shape("api", 10);

    private static final class Counters {
        final AtomicInteger discards = new AtomicInteger();
    }

    private final List<Counters> made = new CopyOnWriteArrayList<>();
    private final SharedState<Shape, Counters> shared = new SharedState<>(shape -> {
        Counters counters = new Counters();
        made.add(counters);
        return counters;
    }, counters -> counters.discards.incrementAndGet());

    @Test
    void theFirstAcquireOfAKeyMakesItsState() {
        SharedState.Lease<Counters> lease = shared.acquire(API);

        assertEquals(List.of(lease.state()), made);
        assertEquals(1, shared.holders(API));
    }

    @Test
    void aSecondAcquireOfAnEqualKeySharesTheStateAndCountsItsHolder() {
        SharedState.Lease<Counters> old = shared.acquire(API);
        SharedState.Lease<Counters> next = shared.acquire(new Shape("api", 10));

        assertSame(old.state(), next.state());
        assertEquals(1, made.size());
        assertEquals(2, shared.holders(API));
    }

    @Test
    void aStateOutlivesItsFirstHolderWhileAnotherHoldsIt() {
        SharedState.Lease<Counters> old = shared.acquire(API);
        SharedState.Lease<Counters> next = shared.acquire(API);

        old.close();

        assertEquals(1, shared.holders(API));
        assertEquals(0, next.state().discards.get());
    }

    @Test
    void theStateIsDiscardedAndForgottenWhenItsLastHolderReleasesIt() {
        SharedState.Lease<Counters> only = shared.acquire(API);

        only.close();

        assertEquals(Map.of(), shared.entries());
        assertEquals(1, made.getFirst().discards.get());
        assertNotSame(only.state(), shared.acquire(API).state());
    }

    @Test
    void aChangedKeyGetsAFreshStateAndTheOldOneGoesWithItsLastHolder() {
        SharedState.Lease<Counters> old = shared.acquire(API);
        SharedState.Lease<Counters> next = shared.acquire(new Shape("api", 5));

        assertNotSame(old.state(), next.state());
        old.close();

        assertEquals(Map.of(new Shape("api", 5), next.state()), shared.entries());
        assertEquals(1, made.get(0).discards.get());
        assertEquals(0, made.get(1).discards.get());
    }

    @Test
    void closingALeaseTwiceReleasesOnce() {
        SharedState.Lease<Counters> old = shared.acquire(API);
        shared.acquire(API);

        old.close();
        old.close();

        assertEquals(1, shared.holders(API));
        assertEquals(0, made.getFirst().discards.get());
    }

    @Test
    void aCreateThatThrowsLeavesNothingHeld() {
        SharedState<Shape, Counters> failing = new SharedState<>(shape -> {
            throw new IllegalStateException("no room");
        }, counters -> { });

        assertThrows(IllegalStateException.class, () -> failing.acquire(API));

        assertEquals(Map.of(), failing.entries());
        assertEquals(0, failing.holders(API));
    }

    @Test
    void entriesListTheMostRecentlyAcquiredFirst() {
        Shape catalog = new Shape("catalog", 10);
        shared.acquire(API);
        shared.acquire(catalog);
        assertEquals(List.of(catalog, API), List.copyOf(shared.entries().keySet()));

        shared.acquire(API);

        assertEquals(List.of(API, catalog), List.copyOf(shared.entries().keySet()));
    }

    @Test
    void whenTheNewerStateGoesFirstTheOlderOneIsListedFirstAgain() {
        SharedState.Lease<Counters> old = shared.acquire(API);
        // a reload whose configuration failed to build releases what it acquired; the running one stays
        shared.acquire(new Shape("api", 5)).close();

        assertEquals(Map.of(API, old.state()), shared.entries());
    }

    @Test
    void concurrentAcquiresAndReleasesLeaveNothingBehindAndDiscardEachStateOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 16; t++) {
                Shape shape = t % 2 == 0 ? API : new Shape("api", 5);
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 500; i++) {
                        SharedState.Lease<Counters> lease = shared.acquire(shape);
                        assertEquals(0, lease.state().discards.get(), "a held state was discarded");
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

        assertEquals(Map.of(), shared.entries());
        assertTrue(made.stream().allMatch(counters -> counters.discards.get() == 1));
    }
}
