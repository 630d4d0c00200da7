package io.turnpike.plugins.ratelimit;

import java.time.Duration;

/**
 * The {@code redis:} block of a {@code rate-limit} config: where a cluster of gateways keeps the counts they
 * share.
 *
 * @param url       {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS
 * @param username  the ACL user, when not in the URL; absent: Redis's default user
 * @param password  the password, when not in the URL (so that it can come from an environment variable)
 * @param timeout   the longest wait for Redis's answer to one request's count, default 200ms
 * @param keyPrefix what every key the plugin writes starts with, default {@code turnpike:rate-limit:}
 * @param tls       with {@code rediss://}: the CA to trust and the certificate to present; absent: the JVM's
 *                  trust store, and no client certificate
 * @param cluster   whether the URL names a node of a Redis Cluster, from which the client learns the others;
 *                  default false
 */
public record RedisSettings(String url, String username, String password, Duration timeout, String keyPrefix,
                            RedisTls tls, Boolean cluster) {

    /** The default of {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);
    /** The default of {@code key-prefix}. */
    public static final String DEFAULT_KEY_PREFIX = "turnpike:rate-limit:";

    /** Applies the defaults. */
    public RedisSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        keyPrefix = keyPrefix == null ? DEFAULT_KEY_PREFIX : keyPrefix;
        cluster = cluster != null && cluster;
    }

    /** The settings a connection depends on: routes whose settings differ only in their key prefix share one. */
    RedisSettings withoutKeyPrefix() {
        return new RedisSettings(url, username, password, timeout, "", tls, cluster);
    }

    /** Never shows the password, in the URL or beside it. */
    @Override
    public String toString() {
        return "RedisSettings[url=" + RedisAddress.withoutCredentials(url) + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", timeout=" + timeout
                + ", keyPrefix=" + keyPrefix + ", tls=" + tls + ", cluster=" + cluster + "]";
    }
}
