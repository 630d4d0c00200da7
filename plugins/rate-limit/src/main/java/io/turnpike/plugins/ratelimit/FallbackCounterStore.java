package io.turnpike.plugins.ratelimit;

import java.util.List;

import io.turnpike.api.Counter;

/** Counts in Redis while it answers, and as {@code on-redis-error} says while it does not. */
final class FallbackCounterStore implements CounterStore {

    private final CounterStore redis;
    private final OnRedisError onError;
    private final CounterStore local;
    private final Counter withoutRedis;

    /**
     * @param local        the route's store in this gateway's memory, used with {@link OnRedisError#LOCAL}
     * @param withoutRedis counts the requests decided without Redis
     */
    FallbackCounterStore(CounterStore redis, OnRedisError onError, CounterStore local, Counter withoutRedis) {
        this.redis = redis;
        this.onError = onError;
        this.local = local;
        this.withoutRedis = withoutRedis;
    }

    @Override
    public Decision tryAcquire(String key, List<Limit> limits, long nowMillis) {
        try {
            return redis.tryAcquire(key, limits, nowMillis);
        } catch (CounterStoreException e) {
            withoutRedis.increment();
            return switch (onError) {
                case LOCAL -> local.tryAcquire(key, limits, nowMillis);
                case ALLOW -> Decision.uncounted();
                case REFUSE -> throw e;
            };
        }
    }
}
