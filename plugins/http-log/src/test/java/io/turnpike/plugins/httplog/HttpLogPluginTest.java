package io.turnpike.plugins.httplog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import io.turnpike.plugins.support.ServiceTls;
import org.junit.jupiter.api.Test;

/** The defaults and config errors of docs/plugins/http-log.md, each at the key and with the message the page shows. */
class HttpLogPluginTest {

    private final HttpLogPlugin plugin = new HttpLogPlugin();

    private static HttpLogConfig config(String url) {
        return new HttpLogConfig(url, null, null, null, null, null, null, null, null, null);
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void runsOutermostSoThatEveryOtherPluginsAnswerIsLogged() {
        assertEquals(Phase.ACCESS_CONTROL, plugin.phase());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        HttpLogConfig config = config("http://vector.internal:8080/logs");

        assertEquals("json", config.format());
        assertEquals(100, config.batchSize());
        assertEquals(Duration.ofSeconds(1), config.flushInterval());
        assertEquals(10_000, config.queueSize());
        assertEquals(Duration.ofSeconds(5), config.timeout());
        assertEquals(3, config.maxRetries());
        assertEquals(List.of(), plugin.validate(config));
    }

    @Test
    void theUrlIsAnHttpUrlOfACollector() {
        assertEquals(error("url", "missing; the log collector's endpoint, such as http://vector.internal:8080/logs"),
                plugin.validate(config(null)));
        assertEquals(error("url", "must start with http:// or https://, got udp://collector:514"),
                plugin.validate(config("udp://collector:514")));
    }

    @Test
    void everyOtherMistakeIsNamedAtItsKey() {
        assertEquals(error("headers", "\"X Token\" is not a header field name"), plugin.validate(new HttpLogConfig(
                "http://c/logs", Map.of("X Token", "t"), null, null, null, null, null, null, null, null)));
        assertEquals(error("format", "must be json or ndjson, got \"logfmt\""), plugin.validate(new HttpLogConfig(
                "http://c/logs", null, "logfmt", null, null, null, null, null, null, null)));
        assertEquals(error("batch-size", "must be 1 to 10000, got 0"), plugin.validate(new HttpLogConfig(
                "http://c/logs", null, null, 0, null, null, null, null, null, null)));
        assertEquals(error("queue-size", "must be 1 to 1000000, got 0"), plugin.validate(new HttpLogConfig(
                "http://c/logs", null, null, null, null, 0, null, null, null, null)));
        assertEquals(error("max-retries", "must be 0 to 10, got 11"), plugin.validate(new HttpLogConfig(
                "http://c/logs", null, null, null, null, null, null, 11, null, null)));
        assertEquals(error("flush-interval", "must be more than 0 and at most 1m, got 0ms"), plugin.validate(
                new HttpLogConfig("http://c/logs", null, null, null, Duration.ZERO, null, null, null, null, null)));
        assertEquals(error("tls", "is used only with an https:// url"), plugin.validate(new HttpLogConfig(
                "http://c/logs", null, null, null, null, null, null, null, null, new ServiceTls(null))).subList(0, 1));
    }
}
