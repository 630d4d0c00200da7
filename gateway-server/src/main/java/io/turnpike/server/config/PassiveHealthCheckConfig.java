package io.turnpike.server.config;

import java.time.Duration;

/**
 * Ejection of a target that fails real requests: after {@code consecutive-failures} failures in a row
 * it gets no traffic for {@code ejection-time}, then one trial request decides whether it is back.
 * What counts as a failure is the same as for the circuit breaker.
 *
 * @param enabled             whether targets are ejected, default true
 * @param consecutiveFailures failures in a row that eject a target (1..1000), default 5
 * @param ejectionTime        how long an ejected target gets no traffic, default 10s
 */
public record PassiveHealthCheckConfig(Boolean enabled, Integer consecutiveFailures, Duration ejectionTime) {

    public static final PassiveHealthCheckConfig DEFAULT = new PassiveHealthCheckConfig(null, null, null);

    public PassiveHealthCheckConfig {
        enabled = enabled == null || enabled;
        consecutiveFailures = consecutiveFailures == null ? 5 : consecutiveFailures;
        ejectionTime = ejectionTime == null ? Duration.ofSeconds(10) : ejectionTime;
    }
}
