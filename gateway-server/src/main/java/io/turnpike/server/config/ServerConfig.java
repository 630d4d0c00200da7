package io.turnpike.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The proxy listener.
 *
 * @param host           the address to bind, default all interfaces
 * @param port           the port, default 8080; 0 picks a free one
 * @param drainTimeout   how long in-flight requests may run after SIGTERM, default 30s
 * @param maxHeaderSize  the most bytes of request headers accepted, default 16384
 * @param maxBodySize    the most bytes of request body accepted, default unlimited (-1): bodies stream
 * @param trustedProxies addresses and CIDR ranges of proxies whose X-Forwarded-For is believed, default none
 * @param accessLog      the access log, on by default
 * @param tls            TLS on the listener, or null for plain HTTP
 * @param http2          whether clients may speak HTTP/2 (over TLS by ALPN, in plain HTTP by h2c), default true
 * @param maxConnections the most client connections open at once, default 10000; past it, new ones wait to be
 *                       accepted
 * @param idleTimeout    how long a client connection (a WebSocket tunnel included) may carry nothing before it
 *                       is closed, default 5m
 * @param proxyProtocol  whether every connection starts with a PROXY protocol header (v1 or v2) naming the client,
 *                       as a TCP load balancer sends it, default false
 * @param httpRedirect   a plain-HTTP listener that redirects every request to this (HTTPS) one, or null for none
 */
public record ServerConfig(String host, Integer port, Duration drainTimeout, Integer maxHeaderSize, Long maxBodySize,
                           List<String> trustedProxies, AccessLogConfig accessLog, ListenerTlsConfig tls,
                           Boolean http2, Integer maxConnections, Duration idleTimeout, Boolean proxyProtocol,
                           HttpRedirectConfig httpRedirect) {

    public static final ServerConfig DEFAULT =
            new ServerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public ServerConfig {
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 8080 : port;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
        maxHeaderSize = maxHeaderSize == null ? 16_384 : maxHeaderSize;
        maxBodySize = maxBodySize == null ? -1L : maxBodySize;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        accessLog = accessLog == null ? AccessLogConfig.DEFAULT : accessLog;
        http2 = http2 == null || http2;
        maxConnections = maxConnections == null ? 10_000 : maxConnections;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : idleTimeout;
        proxyProtocol = proxyProtocol != null && proxyProtocol;
    }
}
