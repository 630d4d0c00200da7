package io.turnpike.plugins.httplog;

import java.time.Duration;
import java.util.Map;

import io.turnpike.plugins.support.ServiceTls;

/**
 * A route's (or every route's) {@code http-log} config.
 *
 * @param url           the collector's endpoint, {@code http://} or {@code https://}; each batch is POSTed to it
 * @param headers       header fields sent with each batch, such as an {@code Authorization} the collector wants
 * @param format        {@code json}: each batch is a JSON array of entries (the default); {@code ndjson}: one entry
 *                      per line
 * @param batchSize     the most entries in one POST, default 100
 * @param flushInterval the longest an entry waits for its batch to fill, default 1s
 * @param queueSize     the most entries waiting to be sent, default 10000; past it new entries are dropped and
 *                      counted, so a collector that is down costs memory up to this bound and nothing more
 * @param timeout       how long one POST may take, default 5s
 * @param maxRetries    how many times a batch the collector did not take is sent again, default 3, waiting 1s, 2s,
 *                      4s... between tries; then it is dropped and counted
 * @param customFields  fields added to every entry, such as the environment's name
 * @param tls           with an {@code https://} url: the CA certificates that sign the collector's certificate
 */
public record HttpLogConfig(String url, Map<String, String> headers, String format, Integer batchSize,
                            Duration flushInterval, Integer queueSize, Duration timeout, Integer maxRetries,
                            Map<String, String> customFields, ServiceTls tls) {

    /** Applies the defaults. */
    public HttpLogConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        format = format == null ? "json" : format;
        batchSize = batchSize == null ? 100 : batchSize;
        flushInterval = flushInterval == null ? Duration.ofSeconds(1) : flushInterval;
        queueSize = queueSize == null ? 10_000 : queueSize;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        maxRetries = maxRetries == null ? 3 : maxRetries;
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }
}
