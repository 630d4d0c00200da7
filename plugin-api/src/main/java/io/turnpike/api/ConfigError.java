package io.turnpike.api;

import java.util.Objects;

/**
 * One problem in a plugin's config, found by {@link GatewayPlugin#validate}. The gateway prefixes the key
 * with the config's location, so {@code new ConfigError("limit", "must be > 0")} is reported as
 * {@code routes[2].plugins[0].config.limit: must be > 0}.
 *
 * @param key     the key inside the plugin's {@code config:} block, dotted for nested keys, with
 *                {@code [i]} for list items; empty for the block as a whole
 * @param message what is wrong, phrased to follow the key, such as {@code must be > 0}
 */
public record ConfigError(String key, String message) {

    /** Checks that no part is missing. */
    public ConfigError {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }
}
