package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

class InMemoryCounterStoreTest {

    private static final long MINUTE = 60_000;
    /** A time at the start of a minute, so tests know where the window edges are. */
    private static final long START = 1_700_000_040_000L;
    private static final List<Limit> FIVE_PER_MINUTE = List.of(new Limit("minute", 5, MINUTE));

    private final FakeTime time = new FakeTime(START);
    private final InMemoryCounterStore store = new InMemoryCounterStore(1000, Duration.ofMinutes(2), time);

    private boolean acquire(String key, List<Limit> limits) {
        return store.tryAcquire(key, limits, time.getAsLong()).allowed();
    }

    @Test
    void exactlyTheLimitPassesInAFreshWindow() {
        for (int i = 0; i < 5; i++) {
            assertTrue(acquire("k", FIVE_PER_MINUTE), "request " + (i + 1));
        }
        assertFalse(acquire("k", FIVE_PER_MINUTE));
    }

    @Test
    void remainingCountsDownToZero() {
        assertEquals(4, store.tryAcquire("k", FIVE_PER_MINUTE, START).usages().get(0).remaining());
        for (int i = 0; i < 4; i++) {
            store.tryAcquire("k", FIVE_PER_MINUTE, START);
        }
        assertEquals(0, store.tryAcquire("k", FIVE_PER_MINUTE, START).usages().get(0).remaining());
    }

    @Test
    void keysAreCountedApart() {
        for (int i = 0; i < 5; i++) {
            acquire("a", FIVE_PER_MINUTE);
        }
        assertFalse(acquire("a", FIVE_PER_MINUTE));
        assertTrue(acquire("b", FIVE_PER_MINUTE));
    }

    @Test
    void thePreviousWindowWeighsByHowMuchOfItTheSlidingWindowStillCovers() {
        for (int i = 0; i < 5; i++) {
            acquire("k", FIVE_PER_MINUTE);
        }
        time.advance(MINUTE + MINUTE / 5);  // 20% into the next window: the old one still counts 4 of its 5

        assertTrue(acquire("k", FIVE_PER_MINUTE));
        assertFalse(acquire("k", FIVE_PER_MINUTE));
    }

    @Test
    void noBurstOfTwiceTheLimitAtAWindowEdge() {
        time.advance(MINUTE - 1);
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            passed += acquire("k", FIVE_PER_MINUTE) ? 1 : 0;
        }
        time.advance(2);
        for (int i = 0; i < 10; i++) {
            passed += acquire("k", FIVE_PER_MINUTE) ? 1 : 0;
        }

        assertEquals(5, passed);
    }

    @Test
    void afterTwoIdleWindowsTheFullLimitIsBack() {
        for (int i = 0; i < 5; i++) {
            acquire("k", FIVE_PER_MINUTE);
        }
        time.advance(2 * MINUTE);

        for (int i = 0; i < 5; i++) {
            assertTrue(acquire("k", FIVE_PER_MINUTE));
        }
    }

    @Test
    void aRefusedRequestIsNotCounted() {
        for (int i = 0; i < 50; i++) {
            acquire("k", FIVE_PER_MINUTE);
        }
        time.advance(2 * MINUTE - 1);  // the last millisecond of the window after: previous weighs almost nothing

        assertTrue(acquire("k", FIVE_PER_MINUTE));
    }

    @Test
    void withSeveralLimitsARequestPassesOnlyWhenAllAdmitItAndIsCountedInAll() {
        List<Limit> limits = List.of(new Limit("second", 2, 1000), new Limit("minute", 3, MINUTE));

        assertTrue(acquire("k", limits));
        assertTrue(acquire("k", limits));
        assertFalse(acquire("k", limits), "the second limit");
        time.advance(2000);  // two seconds on, the second limit has forgotten both
        assertTrue(acquire("k", limits));
        assertFalse(acquire("k", limits), "the minute limit: the refused request above was not counted in it");
    }

    @Test
    void retryAfterIsTheFirstMomentARequestPasses() {
        List<Limit> limits = List.of(new Limit("minute", 7, MINUTE));
        for (long offset : new long[] {0, 1, 13_333, 59_999}) {
            for (int burst : new int[] {7, 3}) {
                InMemoryCounterStore fresh = new InMemoryCounterStore(10, Duration.ofMinutes(2), time);
                long t = START + offset;
                for (int i = 0; i < burst; i++) {
                    fresh.tryAcquire("k", limits, t);
                }
                t += MINUTE;  // into the next window, so the previous one weighs in
                for (int i = 0; i < 7; i++) {
                    fresh.tryAcquire("k", limits, t);
                }
                Decision refused = fresh.tryAcquire("k", limits, t);
                assertFalse(refused.allowed());
                long wait = refused.usages().get(0).retryAfterMillis();

                InMemoryCounterStore probe = copyAfter(limits, offset, burst);
                assertFalse(probe.tryAcquire("k", limits, t + wait - 1).allowed(), "at " + offset + "+" + burst + ": too early");
                probe = copyAfter(limits, offset, burst);
                assertTrue(probe.tryAcquire("k", limits, t + wait).allowed(), "at " + offset + "+" + burst + ": in time");
            }
        }
    }

    /** The same history as in retryAfterIsTheFirstMomentARequestPasses, in a store of its own. */
    private InMemoryCounterStore copyAfter(List<Limit> limits, long offset, int burst) {
        InMemoryCounterStore copy = new InMemoryCounterStore(10, Duration.ofMinutes(2), time);
        long t = START + offset;
        for (int i = 0; i < burst; i++) {
            copy.tryAcquire("k", limits, t);
        }
        t += MINUTE;
        for (int i = 0; i < 7; i++) {
            copy.tryAcquire("k", limits, t);
        }
        return copy;
    }

    @Test
    void underConcurrencyExactlyTheLimitPasses() throws Exception {
        List<Limit> limits = List.of(new Limit("minute", 1_000, MINUTE));
        AtomicInteger passed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(64)) {
            for (int c = 0; c < 64; c++) {
                clients.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        if (store.tryAcquire("k", limits, START).allowed()) {
                            passed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> client : clients) {
                client.get();
            }
        }

        assertEquals(1_000, passed.get());
    }

    @Test
    void theNumberOfKeysStaysWithinItsBoundWhateverArrives() {
        InMemoryCounterStore bounded = new InMemoryCounterStore(10_000, Duration.ofMinutes(2), time);

        for (int i = 0; i < 200_000; i++) {
            bounded.tryAcquire("ip:" + i, FIVE_PER_MINUTE, START);
        }

        assertTrue(bounded.keyCount() <= 10_000, "keys held: " + bounded.keyCount());
    }

    @Test
    void idleKeysAreForgotten() {
        for (int i = 0; i < 100; i++) {
            store.tryAcquire("ip:" + i, FIVE_PER_MINUTE, START);
        }
        time.advance(Duration.ofMinutes(2).toMillis() + 1);

        assertEquals(0, store.keyCount());
    }
}
