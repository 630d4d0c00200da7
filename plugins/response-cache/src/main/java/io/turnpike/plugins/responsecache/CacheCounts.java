package io.turnpike.plugins.responsecache;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import io.turnpike.api.Counter;

/**
 * A route's answers by what the cache did for them, as counters: {@code hit}, {@code miss}, {@code bypass},
 * {@code expired}, {@code revalidated} and {@code stale}, the values of {@code X-Cache-Status} in lower case.
 */
final class CacheCounts {

    /** Counts nowhere: for filters made in tests. */
    static final CacheCounts NONE = new CacheCounts((name, description) -> Counter.NONE);

    private final Map<CacheStatus, Counter> counters = new EnumMap<>(CacheStatus.class);

    /** @param counter makes a counter from its name and description, as {@code PluginContext.counter} does */
    CacheCounts(BiFunction<String, String, Counter> counter) {
        for (CacheStatus status : CacheStatus.values()) {
            counters.put(status, counter.apply(status.name().toLowerCase(Locale.ROOT),
                    "Answers whose X-Cache-Status is " + status.name()));
        }
    }

    void count(CacheStatus status) {
        counters.get(status).increment();
    }
}
