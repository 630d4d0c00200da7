package io.turnpike.server.config;

import java.time.Duration;

/**
 * A periodic {@code GET} of a path on every target. A 2xx or 3xx answer within the timeout is a success;
 * anything else is a failure. A target leaves the rotation after {@code unhealthy-threshold} failures in
 * a row and comes back after {@code healthy-threshold} successes in a row.
 *
 * @param path               the path probed on each target's host and port, such as {@code /health} (required)
 * @param interval           the time between two probes of one target, default 10s
 * @param timeout            how long a probe may take, connect and answer together, default 2s
 * @param healthyThreshold   successes in a row that make a target healthy, default 2
 * @param unhealthyThreshold failures in a row that make a target unhealthy, default 3
 */
public record ActiveHealthCheckConfig(String path, Duration interval, Duration timeout, Integer healthyThreshold,
                                      Integer unhealthyThreshold) {

    public ActiveHealthCheckConfig {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        healthyThreshold = healthyThreshold == null ? 2 : healthyThreshold;
        unhealthyThreshold = unhealthyThreshold == null ? 3 : unhealthyThreshold;
    }
}
