package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Redis store against a real Redis: the same decisions as the in-memory store, made atomically there. */
class RedisCounterStoreTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** A time at the start of a day, and so of every window. */
    private static final long START = 1_699_920_000_000L;

    @TempDir
    Path dir;

    private RedisServer redis;
    private RedisLink link;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start(dir);
        link = new RedisLink(RedisLink.Key.of(new RedisSettings(redis.url(), null, null, Duration.ofSeconds(2), null,
                null, null)), System.getLogger(RedisCounterStoreTest.class.getName()));
    }

    @AfterEach
    void stopRedis() {
        link.close();
        redis.close();
    }

    private RedisCounterStore store() {
        return new RedisCounterStore(link, "test:route:api:");
    }

    @Test
    void decidesAsTheInMemoryStoreDoesOverALongRandomRun() {
        List<Limit> limits = List.of(new Limit("second", 2, 1000), new Limit("minute", 7, MINUTE),
                new Limit("hour", 30, HOUR));
        FakeTime time = new FakeTime(START);
        InMemoryCounterStore memory = new InMemoryCounterStore(100, Duration.ofHours(2), time);
        RedisCounterStore store = store();
        Random random = new Random(20261201);
        int admitted = 0;

        for (int i = 0; i < 2_000; i++) {
            time.advance(random.nextInt(4) == 0 ? random.nextInt(40_000) : random.nextInt(300));
            String key = "ip:10.0.0." + random.nextInt(3);
            Decision expected = memory.tryAcquire(key, limits, time.getAsLong());
            Decision actual = store.tryAcquire(key, limits, time.getAsLong());
            assertEquals(expected, actual, "request " + i + " of " + key + " at " + (time.getAsLong() - START) + " ms");
            admitted += actual.allowed() ? 1 : 0;
        }
        assertTrue(admitted > 100 && admitted < 1_900, "the run both admits and refuses: " + admitted);
    }

    /**
     * A limit of about 10^9 per day makes products near 8.6 * 10^16, past what Redis's Lua numbers (doubles)
     * hold exactly: here {@code previous * (window - elapsed)} exceeds {@code (limit - 1) * window} by one.
     */
    @Test
    void aCountOneOverALargeDailyLimitIsRefusedWhereDoublesWouldRoundItAway() {
        Limit daily = new Limit("day", 999_974_451L, DAY);
        long now = START + 5 * DAY + 6_199;  // 86 393 801 ms of the day left
        String key = "ip:10.0.0.1";

        seed(key, daily, START / DAY + 4, 1_000_046_201L, now);
        assertFalse(store().tryAcquire(key, List.of(daily), now).allowed());

        seed(key, daily, START / DAY + 4, 1_000_046_200L, now);
        assertTrue(store().tryAcquire(key, List.of(daily), now).allowed());
    }

    /** Yesterday's count for a key, as the script keeps it. */
    private void seed(String key, Limit limit, long yesterday, long count, long now) {
        String hash = "test:route:api:" + key;
        redis.commands().del(hash);
        redis.commands().hset(hash, Map.of(limit.name() + ":i", Long.toString(yesterday),
                limit.name() + ":p", "0", limit.name() + ":c", Long.toString(count)));
        long[] state = {yesterday, 0, count};
        SlidingWindow.roll(state, 0, limit.windowMillis(), now);
        assertEquals(count, state[1], "the seeded count is the previous window's at that time");
    }

    @Test
    void withSixtyFourCallersAtOnceExactlyTheLimitIsAdmitted() throws Exception {
        List<Limit> limits = List.of(new Limit("hour", 50, HOUR));
        RedisCounterStore store = store();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Decision>> decisions = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                decisions.add(callers.submit(() -> {
                    go.await();
                    return store.tryAcquire("route", limits, System.currentTimeMillis());
                }));
            }
            go.countDown();
        }

        int admitted = 0;
        for (Future<Decision> decision : decisions) {
            admitted += decision.get().allowed() ? 1 : 0;
        }
        assertEquals(50, admitted);
    }

    @Test
    void aKeyExpiresTwoOfItsLongestWindowsAfterItsLastAdmittedRequest() {
        store().tryAcquire("ip:10.0.0.1", List.of(new Limit("second", 5, 1000), new Limit("hour", 5, HOUR)), START);

        long ttl = redis.commands().pttl("test:route:api:ip:10.0.0.1");

        assertTrue(ttl > 2 * HOUR - 60_000 && ttl <= 2 * HOUR, "ttl " + ttl);
    }

    @Test
    void aRefusedRequestWritesNothing() {
        List<Limit> limits = List.of(new Limit("minute", 1, MINUTE));
        RedisCounterStore store = store();
        store.tryAcquire("k", limits, START);
        Map<String, String> before = redis.commands().hgetall("test:route:api:k");

        assertFalse(store.tryAcquire("k", limits, START + MINUTE + 1).allowed());

        assertEquals(before, redis.commands().hgetall("test:route:api:k"));
    }

    @Test
    void aGatewayWhoseClockIsBehindCountsInTheWindowAnotherHasBegun() {
        List<Limit> limits = List.of(new Limit("minute", 10, MINUTE));
        RedisCounterStore store = store();
        store.tryAcquire("k", limits, START + MINUTE + 10);   // a gateway already in the second minute

        Decision behind = store.tryAcquire("k", limits, START + MINUTE - 10);   // one 20 ms behind it

        assertTrue(behind.allowed());
        Map<String, String> counts = redis.commands().hgetall("test:route:api:k");
        assertEquals(Long.toString(START / MINUTE + 1), counts.get("minute:i"));
        assertEquals("2", counts.get("minute:c"));
    }

    @Test
    void storesUnderDifferentPrefixesCountApart() {
        List<Limit> limits = List.of(new Limit("minute", 1, MINUTE));
        assertTrue(store().tryAcquire("k", limits, START).allowed());

        assertTrue(new RedisCounterStore(link, "test:route:other:").tryAcquire("k", limits, START).allowed());
        assertFalse(store().tryAcquire("k", limits, START).allowed());
    }
}
