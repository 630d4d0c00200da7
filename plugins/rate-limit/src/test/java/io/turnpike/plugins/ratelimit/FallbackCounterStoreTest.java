package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.turnpike.api.Counter;
import org.junit.jupiter.api.Test;

/** What each {@code on-redis-error} makes of a request while Redis fails, and that Redis decides while it answers. */
class FallbackCounterStoreTest {

    private static final long START = 1_700_000_040_000L;
    private static final List<Limit> ONE_PER_MINUTE = List.of(new Limit("minute", 1, 60_000));
    private static final CounterStoreException DOWN = new CounterStoreException("Redis at redis://x failed", null);

    private final FakeTime time = new FakeTime(START);
    private final InMemoryCounterStore local = new InMemoryCounterStore(10, Duration.ofMinutes(2), time);
    private final CounterStore failing = (key, limits, now) -> {
        throw DOWN;
    };

    /** How many requests were decided without Redis. */
    private final AtomicLong decidedWithoutRedis = new AtomicLong();
    private final Counter withoutRedis = decidedWithoutRedis::addAndGet;

    @Test
    void whileRedisAnswersItsDecisionIsTheRoutes() {
        Decision redisSays = new Decision(false, List.of());
        CounterStore redis = (key, limits, now) -> redisSays;

        assertSame(redisSays, new FallbackCounterStore(redis, OnRedisError.REFUSE, local, withoutRedis)
                .tryAcquire("k", ONE_PER_MINUTE, START));
        assertEquals(0, decidedWithoutRedis.get());
    }

    @Test
    void localCountsInTheGatewaysMemory() {
        FallbackCounterStore store = new FallbackCounterStore(failing, OnRedisError.LOCAL, local, withoutRedis);

        assertTrue(store.tryAcquire("k", ONE_PER_MINUTE, START).allowed());
        assertFalse(store.tryAcquire("k", ONE_PER_MINUTE, START).allowed());
    }

    @Test
    void allowLetsEveryRequestThroughUncounted() {
        FallbackCounterStore store = new FallbackCounterStore(failing, OnRedisError.ALLOW, local, withoutRedis);

        for (int i = 0; i < 3; i++) {
            Decision decision = store.tryAcquire("k", ONE_PER_MINUTE, START);
            assertTrue(decision.allowed());
            assertFalse(decision.counted());
        }
        assertEquals(0, local.keyCount(), "nothing counted in memory either");
        assertEquals(3, decidedWithoutRedis.get(), "each request counted as decided without Redis");
    }

    @Test
    void refusePassesTheFailureOn() {
        FallbackCounterStore store = new FallbackCounterStore(failing, OnRedisError.REFUSE, local, withoutRedis);

        assertSame(DOWN, assertThrows(CounterStoreException.class, () -> store.tryAcquire("k", ONE_PER_MINUTE, START)));
    }
}
