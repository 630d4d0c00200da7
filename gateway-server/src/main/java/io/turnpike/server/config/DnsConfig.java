package io.turnpike.server.config;

import java.time.Duration;

/**
 * An upstream's {@code dns} block: each address a target's host name resolves to is a target of its own, and
 * the name is looked up again periodically, as Envoy's strict DNS clusters and nginx's {@code resolve} do.
 *
 * @param refresh how often each name is looked up again, default 5s
 */
public record DnsConfig(Duration refresh) {

    /** Envoy's default refresh rate, and the gateway's default DNS cache time (bin/gateway). */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

    /** Applies the default. */
    public DnsConfig {
        refresh = refresh == null ? DEFAULT_REFRESH : refresh;
    }
}
