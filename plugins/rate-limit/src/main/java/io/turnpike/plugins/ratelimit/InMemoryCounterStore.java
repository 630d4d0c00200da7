package io.turnpike.plugins.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Counts in this JVM. Each key's state for all its limits is one immutable array swapped with
 * compare-and-set, so concurrent requests of one key are counted exactly without a lock, and keys never
 * contend with each other.
 *
 * <p>Memory is bounded twice: a key idle for twice the longest window (when its counts can no longer matter)
 * is dropped, and past {@code maxKeys} the least valuable keys are evicted (Caffeine's W-TinyLFU). An evicted
 * key that comes back starts from zero: under a flood of distinct keys the limiter fails open for the
 * keys it had to forget, never closed for everyone.
 */
final class InMemoryCounterStore implements CounterStore {

    private final Cache<String, AtomicReference<long[]>> counters;

    /**
     * @param maxKeys     the most keys kept
     * @param idleTimeout how long an untouched key is kept
     * @param ticker      the time source for idleness (the system's, or a test's)
     */
    InMemoryCounterStore(int maxKeys, Duration idleTimeout, Ticker ticker) {
        this.counters = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(idleTimeout)
                .ticker(ticker)
                // eviction work runs on the calling thread: no pool threads of the plugin's own
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Decision tryAcquire(String key, List<Limit> limits, long nowMillis) {
        AtomicReference<long[]> counter = counters.get(key, k -> new AtomicReference<>(new long[3 * limits.size()]));
        while (true) {
            long[] seen = counter.get();
            long[] next = seen.clone();
            boolean allowed = true;
            for (int i = 0; i < limits.size(); i++) {
                SlidingWindow.roll(next, 3 * i, limits.get(i).windowMillis(), nowMillis);
                allowed &= SlidingWindow.admits(next, 3 * i, limits.get(i), nowMillis);
            }
            if (allowed) {
                for (int i = 0; i < limits.size(); i++) {
                    next[3 * i + 2]++;
                }
            }
            if (counter.compareAndSet(seen, next)) {
                return SlidingWindow.decision(allowed, next, limits, nowMillis);
            }
        }
    }

    /** How many keys are held now, after pending evictions: for tests of the bound. */
    long keyCount() {
        counters.cleanUp();
        return counters.estimatedSize();
    }

    @Override
    public void close() {
        counters.invalidateAll();
    }
}
