package io.turnpike.plugins.httplog;

import io.turnpike.api.Counter;

/**
 * What is logged of one request, once its answer has been sent: the fields of the gateway's access log, so that
 * one pipeline reads both. The query is never logged, as the access log never logs it: it may hold credentials,
 * such as a key-auth key.
 *
 * @param time       when the request reached the plugin, ISO-8601 in UTC
 * @param requestId  the gateway's request id, as sent upstream in {@code X-Request-Id}
 * @param client     the client's address, through trusted proxies
 * @param method     the request's method
 * @param path       the request's path
 * @param status     the answer's status
 * @param bytes      the bytes of answer body sent
 * @param durationMs milliseconds from the request reaching the plugin to the answer's last byte
 * @param route      the route's id
 * @param consumer   the authenticated consumer's name, or null
 * @param userAgent  the {@code User-Agent}, or null
 * @param counters   the route's counters, which the entry's fate is counted on
 */
record LogEntry(String time, String requestId, String client, String method, String path, int status, long bytes,
                double durationMs, String route, String consumer, String userAgent, Counters counters) {

    /**
     * A route's counts of entries.
     *
     * @param sent    entries the collector took
     * @param dropped entries given up: the queue was full, or the collector did not take their batch
     */
    record Counters(Counter sent, Counter dropped) {
    }
}
