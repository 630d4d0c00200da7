package io.turnpike.server.config;

import java.util.Optional;

/**
 * How an upstream learns which targets are healthy.
 *
 * @param active  periodic probes of every target; absent (null), there are none
 * @param passive ejection of targets that fail real requests, on by default
 */
public record HealthCheckConfig(ActiveHealthCheckConfig active, PassiveHealthCheckConfig passive) {

    public static final HealthCheckConfig DEFAULT = new HealthCheckConfig(null, null);

    public HealthCheckConfig {
        passive = passive == null ? PassiveHealthCheckConfig.DEFAULT : passive;
    }

    /** @return the active check, when one is configured */
    public Optional<ActiveHealthCheckConfig> activeCheck() {
        return Optional.ofNullable(active);
    }
}
