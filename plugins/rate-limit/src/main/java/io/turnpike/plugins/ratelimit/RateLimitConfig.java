package io.turnpike.plugins.ratelimit;

/**
 * A route's {@code rate-limit} config. At least one of the four limits must be set.
 *
 * @param second        requests allowed per second
 * @param minute        requests allowed per minute
 * @param hour          requests allowed per hour
 * @param day           requests allowed per day
 * @param by            whose requests are counted together: {@code consumer} (the default; the client IP for
 *                      anonymous requests), {@code ip}, {@code header}, {@code route} or {@code global}
 * @param header        the request header whose value is the key, with {@code by: header}
 * @param legacyHeaders also send Kong's {@code X-RateLimit-Limit-Minute} style headers, default false
 * @param maxKeys       the most keys counted at once on the route, default 100000 (in this gateway's memory)
 * @param redis         where a cluster of gateways shares the counts; absent: each gateway counts alone
 * @param onRedisError  with {@code redis}, what the route does while Redis cannot count: {@code local} (the
 *                      default), {@code allow} or {@code refuse}
 */
public record RateLimitConfig(Long second, Long minute, Long hour, Long day, String by, String header,
                              Boolean legacyHeaders, Integer maxKeys, RedisSettings redis, String onRedisError) {

    /** The default of {@code max-keys}. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    /** Applies the defaults. */
    public RateLimitConfig {
        by = by == null ? "consumer" : by;
        legacyHeaders = legacyHeaders != null && legacyHeaders;
        maxKeys = maxKeys == null ? DEFAULT_MAX_KEYS : maxKeys;
    }

    /** What {@code on-redis-error} says, or its default. */
    String onRedisErrorOrDefault() {
        return onRedisError == null ? OnRedisError.LOCAL.text() : onRedisError;
    }
}
