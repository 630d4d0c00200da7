package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mistakes in a {@code redis} block, each named at its key with the words docs/plugins/rate-limit.md shows. */
class RedisConfigCheckTest {

    private static List<ConfigError> errors(RedisSettings redis, String onRedisError) {
        return ConfigCheck.errorsIn(new RateLimitConfig(null, 10L, null, null, null, null, null, null, redis, onRedisError));
    }

    private static List<ConfigError> errors(RedisSettings redis) {
        return errors(redis, null);
    }

    private static RedisSettings url(String url) {
        return new RedisSettings(url, null, null, null, null, null, null);
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void aUsableBlockHasNoErrors() {
        assertEquals(List.of(), errors(new RedisSettings("redis://redis.internal:6380/2", "gateway", "secret",
                Duration.ofMillis(50), "edge:", null, null), "refuse"));
        assertEquals(List.of(), errors(url("redis://:secret@127.0.0.1")));
    }

    @Test
    void aSentinelUrlNamesItsSentinelsAndItsMaster() {
        assertEquals(List.of(), errors(url("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/0#mymaster")));
        assertEquals(error("redis.url", "needs the master's name after #, such as"
                + " redis-sentinel://10.0.0.1:26379/0#mymaster"), errors(url("redis-sentinel://10.0.0.1:26379/0")));
        assertEquals(error("redis.url", "takes no query: the other redis keys set what Lettuce's URL parameters would"),
                errors(url("redis-sentinel://10.0.0.1:26379?timeout=5s#mymaster")));
    }

    @Test
    void aSentinelUrlIsShownWithoutItsPassword() {
        String shown = new RedisSettings("redis-sentinel://:in-url@10.0.0.1:26379,10.0.0.2/1#mymaster", null, null,
                null, null, null, null).toString();

        assertEquals(-1, shown.indexOf("in-url"), shown);
        assertTrue(shown.contains("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/1#mymaster"), shown);
        assertEquals(error("redis.password", "is given twice: here and in redis.url; keep one"),
                errors(new RedisSettings("redis-sentinel://:one@10.0.0.1#m", null, "two", null, null, null, null)));
    }

    @Test
    void aClusterIsNamedByOneOfItsNodesInDatabaseZero() {
        assertEquals(List.of(), errors(new RedisSettings("redis://10.0.0.1:7000", null, null, null, null, null, true)));
        assertEquals(error("redis.cluster", "has database 0 only, and redis.url names another"),
                errors(new RedisSettings("redis://10.0.0.1:7000/3", null, null, null, null, null, true)));
        assertEquals(error("redis.cluster", "takes a node of the cluster in redis.url, not Sentinels"),
                errors(new RedisSettings("redis-sentinel://10.0.0.1#m", null, null, null, null, null, true)));
    }

    @Test
    void theUrlIsRequired() {
        assertEquals(error("redis.url", "missing; such as redis://127.0.0.1:6379/0"), errors(url(null)));
    }

    @Test
    void onlyTheRedisSchemeIsTaken() {
        assertEquals(error("redis.url", "must start with redis://, rediss:// (TLS) or redis-sentinel://,"
                + " such as redis://127.0.0.1:6379/0; got http://"),
                errors(url("http://127.0.0.1:6379")));
        assertEquals(error("redis.url", "must start with redis://, rediss:// (TLS) or redis-sentinel://,"
                + " such as redis://127.0.0.1:6379/0; got no scheme"),
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
                errors(new RedisSettings("redis://:one@127.0.0.1", null, "two", null, null, null, null)));
    }

    @Test
    void aUsernameNeedsAPassword() {
        assertEquals(error("redis.username", "needs redis.password beside it"),
                errors(new RedisSettings("redis://127.0.0.1", "gateway", null, null, null, null, null)));
    }

    @Test
    void theTimeoutIsMoreThanZeroAndAtMostTenSeconds() {
        assertEquals(error("redis.timeout", "must be more than 0 and at most 10s, got 30000ms"),
                errors(new RedisSettings("redis://127.0.0.1", null, null, Duration.ofSeconds(30), null, null, null)));
        assertEquals(error("redis.timeout", "must be more than 0 and at most 10s, got 0ms"),
                errors(new RedisSettings("redis://127.0.0.1", null, null, Duration.ZERO, null, null, null)));
    }

    @Test
    void aLongKeyPrefixIsRefused() {
        assertEquals(error("redis.key-prefix", "must be at most 100 characters"),
                errors(new RedisSettings("redis://127.0.0.1", null, null, null, "k".repeat(101), null, null)));
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

    private static RedisSettings tls(String url, RedisTls tls) {
        return new RedisSettings(url, null, null, null, null, tls, null);
    }

    @Test
    void aUsableTlsBlockHasNoErrors(@TempDir Path dir) throws Exception {
        TlsClients.copyFixtures(dir);

        assertEquals(List.of(), errors(tls("rediss://127.0.0.1:6380", new RedisTls(dir.resolve("ca.pem"),
                dir.resolve("gateway-client.pem"), dir.resolve("gateway-client.key")))));
        assertEquals(List.of(), errors(tls("rediss://127.0.0.1:6380", null)), "the JVM's trust store");
    }

    @Test
    void tlsIsForRedissUrlsOnly(@TempDir Path dir) throws Exception {
        TlsClients.copyFixtures(dir);

        assertEquals(error("redis.tls", "is used only with rediss:// URLs"),
                errors(tls("redis://127.0.0.1", new RedisTls(dir.resolve("ca.pem"), null, null))));
    }

    @Test
    void aCertificateNeedsItsKey(@TempDir Path dir) throws Exception {
        TlsClients.copyFixtures(dir);

        assertEquals(error("redis.tls.key-file", "missing; cert-file needs the key-file of its certificate"),
                errors(tls("rediss://127.0.0.1", new RedisTls(null, dir.resolve("gateway-client.pem"), null))));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pem");

        assertEquals(error("redis.tls.ca-file", "cannot be read: " + missing + " (NoSuchFileException)"),
                errors(tls("rediss://127.0.0.1", new RedisTls(missing, null, null))));
    }

    @Test
    void aFileWithoutACertificateIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "not a certificate");

        List<ConfigError> errors = errors(tls("rediss://127.0.0.1", new RedisTls(dir.resolve("ca.pem"), null, null)));

        assertEquals(1, errors.size(), errors.toString());
        assertEquals("redis.tls.ca-file", errors.getFirst().key());
        assertTrue(errors.getFirst().message().startsWith("holds no usable PEM certificate"), errors.toString());
    }

    @Test
    void aKeyFileWithoutAKeyIsRefused(@TempDir Path dir) throws Exception {
        TlsClients.copyFixtures(dir);

        List<ConfigError> errors = errors(tls("rediss://127.0.0.1", new RedisTls(null, dir.resolve("gateway-client.pem"),
                dir.resolve("upstream.pem"))));

        assertEquals(List.of("redis.tls.cert-file"), errors.stream().map(ConfigError::key).toList(), errors.toString());
        assertTrue(errors.getFirst().message().startsWith("with key-file, holds no usable PEM certificate and"
                + " unencrypted PKCS#8 key"), errors.toString());
    }

    @Test
    void theSettingsNeverShowThePassword() {
        String shown = new RedisSettings("redis://user:in-url@127.0.0.1:6379/1", null, null, null, null, null, null)
                + new RedisSettings("redis://127.0.0.1", "user", "beside", null, null, null, null).toString();

        assertEquals(-1, shown.indexOf("in-url"), shown);
        assertEquals(-1, shown.indexOf("beside"), shown);
    }
}
