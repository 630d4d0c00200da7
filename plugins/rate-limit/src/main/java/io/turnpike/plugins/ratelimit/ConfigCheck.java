package io.turnpike.plugins.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;

/** Every problem in a {@code rate-limit} config, found when the configuration is loaded. */
final class ConfigCheck {

    /** Large enough for any real quota, small enough that the window arithmetic cannot overflow. */
    static final long MAX_LIMIT = 1_000_000_000L;
    static final int MAX_KEYS = 10_000_000;
    /** Every request of the route may wait this long for Redis; longer is no rate limiter's business. */
    static final Duration MAX_REDIS_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_KEY_PREFIX = 100;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private ConfigCheck() {
    }

    static List<ConfigError> errorsIn(RateLimitConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.second() == null && config.minute() == null && config.hour() == null && config.day() == null) {
            errors.add(new ConfigError("", "needs at least one of second, minute, hour and day, such as minute: 300"));
        }
        limit("second", config.second(), errors);
        limit("minute", config.minute(), errors);
        limit("hour", config.hour(), errors);
        limit("day", config.day(), errors);
        KeyBy by = KeyBy.parse(config.by()).orElse(null);
        if (by == null) {
            errors.add(new ConfigError("by", "must be one of consumer, ip, header, route and global, got \""
                    + config.by() + "\""));
        }
        if (by == KeyBy.HEADER && (config.header() == null || config.header().isEmpty())) {
            errors.add(new ConfigError("header", "missing; by: header needs the name of the header to count by,"
                    + " such as X-Api-Key"));
        } else if (by == KeyBy.HEADER && !TOKEN.matcher(config.header()).matches()) {
            errors.add(new ConfigError("header", "is not a valid header name"));
        } else if (by != null && by != KeyBy.HEADER && config.header() != null) {
            errors.add(new ConfigError("header", "is used only with by: header, and by is " + by.text()));
        }
        if (config.maxKeys() < 1 || config.maxKeys() > MAX_KEYS) {
            errors.add(new ConfigError("max-keys", "must be 1 to " + MAX_KEYS + ", got " + config.maxKeys()));
        }
        redis(config, errors);
        return errors;
    }

    private static void redis(RateLimitConfig config, List<ConfigError> errors) {
        RedisSettings redis = config.redis();
        if (redis == null) {
            if (config.onRedisError() != null) {
                errors.add(new ConfigError("on-redis-error", "is used only with redis, and there is no redis block"));
            }
            return;
        }
        if (OnRedisError.parse(config.onRedisErrorOrDefault()).isEmpty()) {
            errors.add(new ConfigError("on-redis-error", "must be one of local, allow and refuse, got \""
                    + config.onRedisError() + "\""));
        }
        if (redis.url() == null || redis.url().isEmpty()) {
            errors.add(new ConfigError("redis.url", "missing; such as redis://127.0.0.1:6379/0"));
        } else {
            RedisAddress.problemWith(redis.url()).ifPresent(problem -> errors.add(new ConfigError("redis.url", problem)));
            if (redis.password() != null && RedisAddress.hasCredentials(redis.url())) {
                errors.add(new ConfigError("redis.password", "is given twice: here and in redis.url; keep one"));
            }
        }
        if (redis.tls() != null) {
            if (redis.url() != null && !RedisAddress.isTls(redis.url())) {
                errors.add(new ConfigError("redis.tls", "is used only with rediss:// URLs"));
            }
            errors.addAll(RedisTlsFiles.errorsIn(redis.tls()));
        }
        if (redis.cluster() && redis.url() != null && RedisAddress.problemWith(redis.url()).isEmpty()) {
            RedisAddress.problemAsClusterNode(redis.url())
                    .ifPresent(problem -> errors.add(new ConfigError("redis.cluster", problem)));
        }
        if (redis.username() != null && redis.password() == null) {
            errors.add(new ConfigError("redis.username", "needs redis.password beside it"));
        }
        Duration timeout = redis.timeout();
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_REDIS_TIMEOUT) > 0) {
            errors.add(new ConfigError("redis.timeout", "must be more than 0 and at most 10s, got "
                    + timeout.toMillis() + "ms"));
        }
        if (redis.keyPrefix().length() > MAX_KEY_PREFIX) {
            errors.add(new ConfigError("redis.key-prefix", "must be at most " + MAX_KEY_PREFIX + " characters"));
        }
    }

    private static void limit(String key, Long value, List<ConfigError> errors) {
        if (value != null && (value < 1 || value > MAX_LIMIT)) {
            errors.add(new ConfigError(key, "must be 1 to " + MAX_LIMIT + " requests, got " + value));
        }
    }
}
