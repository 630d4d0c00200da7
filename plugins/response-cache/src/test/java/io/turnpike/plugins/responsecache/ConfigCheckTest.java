package io.turnpike.plugins.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;

/** Config mistakes are found at load time, each under its key. */
class ConfigCheckTest {

    private static List<ConfigError> errors(String yaml) {
        return ConfigCheck.errorsIn(Fixtures.config(yaml));
    }

    private static List<String> keys(String yaml) {
        return errors(yaml).stream().map(ConfigError::key).toList();
    }

    @Test
    void anEmptyBlockTakesEveryDefault() {
        Settings settings = Fixtures.settings("");

        assertEquals(java.util.Set.of("GET", "HEAD"), settings.methods());
        assertEquals(java.util.Set.of(200, 203, 204, 300, 301, 404, 410), settings.statuses());
        assertEquals(Duration.ofMinutes(5), settings.defaultTtl());
        assertEquals(64L << 20, settings.maxMemory());
        assertEquals(1 << 20, settings.maxEntrySize());
        assertTrue(settings.allowClientBypass());
        assertEquals(Duration.ofSeconds(5), settings.lockTimeout());
    }

    @Test
    void onlyGetAndHeadCanBeCached() {
        List<ConfigError> errors = errors("methods: [GET, POST]");

        assertEquals("methods[1]", errors.get(0).key());
        assertTrue(errors.get(0).message().contains("only GET and HEAD"), errors.toString());
    }

    @Test
    void partialAndNotModifiedStatusesAreRefused() {
        assertEquals(List.of("statuses[1]", "statuses[2]", "statuses[3]"), keys("statuses: [200, 206, 304, 99]"));
    }

    @Test
    void sizesTakeBytesOrBinaryUnits() {
        assertEquals(List.of(), keys("max-memory: 512KiB\nmax-entry-size: 65536"));
        assertEquals(List.of("max-memory"), keys("max-memory: 64MB"));
        assertEquals(List.of("max-entry-size"), keys("max-entry-size: 0"));
        assertEquals(List.of("max-entry-size"), keys("max-entry-size: 1GiB\nmax-memory: 2GiB"));
    }

    @Test
    void anEntryLargerThanTheWholeCacheIsRefused() {
        List<ConfigError> errors = errors("max-memory: 1MiB\nmax-entry-size: 2MiB");

        assertEquals("max-entry-size", errors.get(0).key());
        assertTrue(errors.get(0).message().contains("larger than max-memory"));
    }

    @Test
    void aZeroMaxTtlAndALockTimeoutOutOfRangeAreRefused() {
        assertEquals(List.of("max-ttl", "lock-timeout"), keys("max-ttl: 0s\nlock-timeout: 2m"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(4, errors("methods: [PUT]\nstatuses: [100]\nmax-memory: lots\nlock-timeout: 0s").size());
    }
}
