package io.turnpike.server.config;

import java.time.Duration;
import java.util.List;

/**
 * A backend service: the targets that serve it and how to talk to them.
 *
 * @param targets        one or more target servers, balanced round-robin by weight
 * @param connectTimeout how long to wait for a TCP connection, default 2s
 * @param readTimeout    how long to wait for the upstream's answer (and between its bytes), default 30s
 */
public record UpstreamConfig(List<TargetConfig> targets, Duration connectTimeout, Duration readTimeout) {

    public UpstreamConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }
}
