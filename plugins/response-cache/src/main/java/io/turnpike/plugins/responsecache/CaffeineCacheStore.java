package io.turnpike.plugins.responsecache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The in-memory store: one Caffeine cache bounded by weight in bytes (body, headers and key), with each
 * entry kept until it goes stale and then for its freshness lifetime again, so that a stale copy can still be reported as
 * {@code EXPIRED} before it is replaced.
 */
final class CaffeineCacheStore implements CacheStore {

    private final Cache<Key, Value> cache;
    private final long maxBytes;

    /**
     * @param maxBytes the bound on the estimated bytes held
     * @param clock    the time source for expiry; tests pass one they can move
     */
    CaffeineCacheStore(long maxBytes, Clock clock) {
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Value value) -> key.primary().weight() + value.weight())
                .expireAfter(new Retention())
                .ticker(() -> clock.millis() * 1_000_000L)
                // Maintenance (eviction, expiry) on the writing thread: no pool of its own, and the bound holds
                // as soon as put returns.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<List<String>> varyOf(PrimaryKey key) {
        return Optional.ofNullable(cache.getIfPresent(new VaryKey(key))).map(value -> ((VaryValue) value).names());
    }

    @Override
    public Optional<CachedResponse> get(PrimaryKey key, List<String> variant) {
        return Optional.ofNullable(cache.getIfPresent(new EntryKey(key, variant))).map(value -> ((EntryValue) value).response());
    }

    @Override
    public void put(PrimaryKey key, List<String> varyNames, List<String> variant, CachedResponse response) {
        // Kept past staleness for its whole lifetime again: an answer whose Date makes it nearly stale on
        // arrival (Date has one-second resolution) must still be found, and reported EXPIRED, not MISS.
        Duration fresh = response.freshFor().isNegative() ? Duration.ZERO : response.freshFor();
        Duration retention = fresh.plus(response.lifetime());
        cache.put(new VaryKey(key), new VaryValue(varyNames, retention));
        cache.put(new EntryKey(key, variant), new EntryValue(response, retention));
    }

    @Override
    public long invalidateRoute(String routeId) {
        return removeWhere(key -> key.primary().routeId().equals(routeId));
    }

    @Override
    public long invalidateAll() {
        return removeWhere(key -> true);
    }

    @Override
    public Usage usage() {
        cache.cleanUp();
        long entries = cache.asMap().keySet().stream().filter(EntryKey.class::isInstance).count();
        long bytes = cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
        return new Usage(entries, bytes, maxBytes);
    }

    /** Removes one by one, so the count is of answers actually removed, not an estimate. */
    private long removeWhere(Predicate<Key> matching) {
        Map<Key, Value> map = cache.asMap();
        long removed = 0;
        for (Key key : List.copyOf(map.keySet())) {
            if (matching.test(key) && map.remove(key) != null && key instanceof EntryKey) {
                removed++;
            }
        }
        return removed;
    }

    private sealed interface Key permits VaryKey, EntryKey {
        PrimaryKey primary();
    }

    private record VaryKey(PrimaryKey primary) implements Key {
    }

    private record EntryKey(PrimaryKey primary, List<String> variant) implements Key {
    }

    private sealed interface Value permits VaryValue, EntryValue {
        Duration retention();

        int weight();
    }

    private record VaryValue(List<String> names, Duration retention) implements Value {
        @Override
        public int weight() {
            return 48 + names.stream().mapToInt(name -> 40 + 2 * name.length()).sum();
        }
    }

    private record EntryValue(CachedResponse response, Duration retention) implements Value {
        @Override
        public int weight() {
            return response.weight();
        }
    }

    /** Each entry lives for its own retention; a Vary record lives as long as its longest-lived answer. */
    private static final class Retention implements Expiry<Key, Value> {

        @Override
        public long expireAfterCreate(Key key, Value value, long currentTime) {
            return nanos(value.retention());
        }

        @Override
        public long expireAfterUpdate(Key key, Value value, long currentTime, long currentDuration) {
            long fresh = nanos(value.retention());
            return key instanceof VaryKey ? Math.max(fresh, currentDuration) : fresh;
        }

        @Override
        public long expireAfterRead(Key key, Value value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private static long nanos(Duration duration) {
            return duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L / 2 ? Long.MAX_VALUE / 2 : duration.toNanos();
        }
    }
}
