package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;

/** The mistakes in a {@code redis} block, each named at its key with the words docs/plugins/rate-limit.md shows. */
class RedisConfigCheckTest {

    private static List<ConfigError> errors(RedisSettings redis, String onRedisError) {
        return ConfigCheck.errorsIn(new RateLimitConfig(null, 10L, null, null, null, null, null, null, redis, onRedisError));
    }

    private static List<ConfigError> errors(RedisSettings redis) {
        return errors(redis, null);
    }

    private static RedisSettings url(String url) {
        return new RedisSettings(url, null, null, null, null);
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void aUsableBlockHasNoErrors() {
        assertEquals(List.of(), errors(new RedisSettings("redis://redis.internal:6380/2", "gateway", "secret",
                Duration.ofMillis(50), "edge:"), "refuse"));
        assertEquals(List.of(), errors(url("redis://:secret@127.0.0.1")));
    }

    @Test
    void theUrlIsRequired() {
        assertEquals(error("redis.url", "missing; such as redis://127.0.0.1:6379/0"), errors(url(null)));
    }

    @Test
    void onlyTheRedisSchemeIsTaken() {
        assertEquals(error("redis.url", "must start with redis://, such as redis://127.0.0.1:6379/0; got http://"),
                errors(url("http://127.0.0.1:6379")));
        assertEquals(error("redis.url", "must start with redis://, such as redis://127.0.0.1:6379/0; got no scheme"),
                errors(url("127.0.0.1")));
    }

    @Test
    void aUrlWithoutAHostIsRefused() {
        assertEquals(error("redis.url", "needs a host, such as redis://redis.internal:6379"), errors(url("redis:///0")));
    }

    @Test
    void aQueryInTheUrlIsRefused() {
        assertEquals(error("redis.url", "takes no query or fragment: the other redis keys set what Lettuce's URL"
                + " parameters would"), errors(url("redis://127.0.0.1?timeout=5s")));
    }

    @Test
    void aPathOtherThanADatabaseNumberIsRefused() {
        assertEquals(error("redis.url", "may end with a database number only, such as /0; got /cache"),
                errors(url("redis://127.0.0.1/cache")));
    }

    @Test
    void aPasswordGivenTwiceIsRefused() {
        assertEquals(error("redis.password", "is given twice: here and in redis.url; keep one"),
                errors(new RedisSettings("redis://:one@127.0.0.1", null, "two", null, null)));
    }

    @Test
    void aUsernameNeedsAPassword() {
        assertEquals(error("redis.username", "needs redis.password beside it"),
                errors(new RedisSettings("redis://127.0.0.1", "gateway", null, null, null)));
    }

    @Test
    void theTimeoutIsMoreThanZeroAndAtMostTenSeconds() {
        assertEquals(error("redis.timeout", "must be more than 0 and at most 10s, got 30000ms"),
                errors(new RedisSettings("redis://127.0.0.1", null, null, Duration.ofSeconds(30), null)));
        assertEquals(error("redis.timeout", "must be more than 0 and at most 10s, got 0ms"),
                errors(new RedisSettings("redis://127.0.0.1", null, null, Duration.ZERO, null)));
    }

    @Test
    void aLongKeyPrefixIsRefused() {
        assertEquals(error("redis.key-prefix", "must be at most 100 characters"),
                errors(new RedisSettings("redis://127.0.0.1", null, null, null, "k".repeat(101))));
    }

    @Test
    void anUnknownOnRedisErrorIsRefused() {
        assertEquals(error("on-redis-error", "must be one of local, allow and refuse, got \"open\""),
                errors(url("redis://127.0.0.1"), "open"));
    }

    @Test
    void onRedisErrorWithoutRedisIsRefused() {
        assertEquals(error("on-redis-error", "is used only with redis, and there is no redis block"),
                errors(null, "allow"));
    }

    @Test
    void theSettingsNeverShowThePassword() {
        String shown = new RedisSettings("redis://user:in-url@127.0.0.1:6379/1", null, null, null, null).toString()
                + new RedisSettings("redis://127.0.0.1", "user", "beside", null, null);

        assertEquals(-1, shown.indexOf("in-url"), shown);
        assertEquals(-1, shown.indexOf("beside"), shown);
    }
}
