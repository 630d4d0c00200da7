package io.turnpike.plugins.ratelimit;

import java.util.List;

/** Counts in Redis while it answers, and as {@code on-redis-error} says while it does not. */
final class FallbackCounterStore implements CounterStore {

    private final CounterStore redis;
    private final OnRedisError onError;
    private final CounterStore local;

    /**
     * @param local the route's store in this gateway's memory, used with {@link OnRedisError#LOCAL}
     */
    FallbackCounterStore(CounterStore redis, OnRedisError onError, CounterStore local) {
        this.redis = redis;
        this.onError = onError;
        this.local = local;
    }

    @Override
    public Decision tryAcquire(String key, List<Limit> limits, long nowMillis) {
        try {
            return redis.tryAcquire(key, limits, nowMillis);
        } catch (CounterStoreException e) {
            return switch (onError) {
                case LOCAL -> local.tryAcquire(key, limits, nowMillis);
                case ALLOW -> Decision.uncounted();
                case REFUSE -> throw e;
            };
        }
    }
}
