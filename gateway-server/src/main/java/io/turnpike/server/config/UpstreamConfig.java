package io.turnpike.server.config;

import java.time.Duration;
import java.util.List;

/**
 * A backend service: the targets that serve it, how to talk to them, and how to survive their failures.
 *
 * @param targets        one or more target servers
 * @param connectTimeout how long to wait for a TCP connection, default 2s
 * @param readTimeout    how long to wait for the upstream's answer (and between its bytes), default 30s
 * @param balancing      how a target is picked, default round-robin by weight
 * @param circuitBreaker the breaker kept for each target, on by default
 * @param retries        when a failed request is sent again, default once on a failure that is safe to retry
 * @param bulkhead       the most requests in flight to this upstream, default no limit
 * @param healthCheck    passive (on by default) and active (off by default) health checks
 * @param tls            the CA certificates to trust and the client certificate to present, for https targets
 * @param http2          speak HTTP/2 to the targets (without TLS by prior knowledge, with TLS by ALPN), with
 *                       trailers passed on: what gRPC services need; default false, HTTP/1.1
 * @param maxConcurrentStreams with {@code http2}, the most requests one connection to a target carries at once;
 *                       null when not given (see {@link #streamsPerConnection()})
 * @param idleTimeout    how long a connection to a target is kept open with no request on it, default 60s
 * @param dns            with it, each address a target's host name resolves to is a target of its own, looked up
 *                       again periodically; null (the default) looks the name up for each new connection and uses
 *                       its first address
 * @param hashOn         with {@code balancing: consistent-hash}, what a request is hashed by; null when not given
 *                       (see {@link #hashing()})
 */
public record UpstreamConfig(List<TargetConfig> targets, Duration connectTimeout, Duration readTimeout,
                             Balancing balancing, CircuitBreakerConfig circuitBreaker, RetriesConfig retries,
                             BulkheadConfig bulkhead, HealthCheckConfig healthCheck, UpstreamTlsConfig tls,
                             Boolean http2, Integer maxConcurrentStreams, Duration idleTimeout, DnsConfig dns,
                             HashOnConfig hashOn) {

    /**
     * Calls share a connection, as gRPC clients do, up to RFC 9113's recommended least limit (100), or the
     * upstream's own when its {@code SETTINGS} give a lower one: about a fifth faster than a connection per
     * call (docs/performance.md, "gRPC through the gateway").
     */
    public static final int DEFAULT_STREAMS_PER_CONNECTION = 100;

    public UpstreamConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        balancing = balancing == null ? Balancing.ROUND_ROBIN : balancing;
        circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.DEFAULT : circuitBreaker;
        retries = retries == null ? RetriesConfig.DEFAULT : retries;
        bulkhead = bulkhead == null ? BulkheadConfig.DEFAULT : bulkhead;
        healthCheck = healthCheck == null ? HealthCheckConfig.DEFAULT : healthCheck;
        tls = tls == null ? UpstreamTlsConfig.DEFAULT : tls;
        http2 = http2 != null && http2;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
    }

    /**
     * An upstream with every resilience setting at its default.
     *
     * @param targets        the targets
     * @param connectTimeout the connect timeout, or null for the default
     * @param readTimeout    the read timeout, or null for the default
     */
    public UpstreamConfig(List<TargetConfig> targets, Duration connectTimeout, Duration readTimeout) {
        this(targets, connectTimeout, readTimeout, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** @return {@code hash-on}, or hashing by the client's address when not given */
    public HashOnConfig hashing() {
        return hashOn == null ? HashOnConfig.DEFAULT : hashOn;
    }

    /** @return {@code max-concurrent-streams}, or {@link #DEFAULT_STREAMS_PER_CONNECTION} when not given */
    public int streamsPerConnection() {
        return maxConcurrentStreams == null ? DEFAULT_STREAMS_PER_CONNECTION : maxConcurrentStreams;
    }
}
