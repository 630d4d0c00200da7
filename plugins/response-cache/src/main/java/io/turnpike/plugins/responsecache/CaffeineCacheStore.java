package io.turnpike.plugins.responsecache;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * The in-memory store: one Caffeine cache bounded by weight in bytes (body, headers and key), with each
 * entry kept until it goes stale and then for its freshness lifetime again, so that a stale copy can still be reported as
 * {@code EXPIRED} before it is replaced.
 *
 * <p>The keys of each resource are indexed, so that an unsafe request's invalidation removes exactly its own
 * answers without walking the store. The index holds only keys the cache holds: a key leaves it when Caffeine
 * removes the entry, for whatever cause, so it is bounded by the same bound.
 */
final class CaffeineCacheStore implements CacheStore {

    private final Cache<Key, Value> cache;
    private final long maxBytes;
    private final ConcurrentMap<PrimaryKey.Resource, Set<Key>> byResource = new ConcurrentHashMap<>();

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
                .removalListener((Key key, Value value, RemovalCause cause) -> {
                    if (cause != RemovalCause.REPLACED) {
                        forgetIfGone(key);
                    }
                })
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
        // Longer when it may stand in for a failing upstream for longer.
        Duration fresh = response.freshFor().isNegative() ? Duration.ZERO : response.freshFor();
        Duration stale = response.staleIfError().compareTo(response.lifetime()) > 0
                ? response.staleIfError() : response.lifetime();
        Duration retention = fresh.plus(stale);
        VaryKey vary = new VaryKey(key);
        EntryKey entry = new EntryKey(key, variant);
        cache.put(vary, new VaryValue(varyNames, retention));
        cache.put(entry, new EntryValue(response, retention));
        index(vary);
        index(entry);
    }

    @Override
    public void remove(PrimaryKey key, List<String> variant) {
        // the removal listener takes the key out of the resource index
        cache.invalidate(new EntryKey(key, variant));
    }

    @Override
    public long invalidate(PrimaryKey.Resource resource) {
        Set<Key> keys = byResource.remove(resource);
        if (keys == null) {
            return 0;
        }
        Map<Key, Value> map = cache.asMap();
        long removed = 0;
        for (Key key : keys) {
            if (map.remove(key) != null && key instanceof EntryKey) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Indexes a key after its put. Put first, index second: a removal that races the put then either finds
     * the key indexed or is followed by this index; either way the check below leaves the index as the cache.
     */
    private void index(Key key) {
        byResource.compute(key.primary().resource(), (resource, keys) -> {
            Set<Key> held = keys == null ? ConcurrentHashMap.newKeySet() : keys;
            held.add(key);
            return held;
        });
        forgetIfGone(key); // evicted between the put and the index: its removal was seen before it was indexed
    }

    private void forgetIfGone(Key key) {
        byResource.computeIfPresent(key.primary().resource(), (resource, keys) -> {
            if (!cache.asMap().containsKey(key)) {
                keys.remove(key);
            }
            return keys.isEmpty() ? null : keys;
        });
    }

    /** @return whether the index holds exactly the keys the cache holds: for tests of its bound */
    boolean indexAgreesWithCache() {
        cache.cleanUp();
        Set<Key> indexed = new HashSet<>();
        byResource.values().forEach(indexed::addAll);
        return indexed.equals(cache.asMap().keySet());
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
