package io.turnpike.server.observability;

import io.turnpike.api.Counter;

/**
 * Where the counters plugins ask for ({@link io.turnpike.api.PluginContext#counter}) are kept: the metrics the
 * gateway exports, each of its kinds configured.
 */
@FunctionalInterface
public interface PluginMeters {

    /** For a gateway that exports no metrics, and for the runtimes that are only checked, never served. */
    PluginMeters NONE = (plugin, name, description, route) -> Counter.NONE;

    /**
     * @param plugin      the plugin's name, such as {@code response-cache}
     * @param name        the counter's name, checked by the plugin API already
     * @param description its help text
     * @param route       the route it counts on: one label value of a bounded set, the configured routes
     * @return the counter for that route
     */
    Counter counter(String plugin, String name, String description, String route);

    /**
     * @param other more meters to count in as well
     * @return meters that count in both
     */
    default PluginMeters and(PluginMeters other) {
        return (plugin, name, description, route) -> {
            Counter mine = counter(plugin, name, description, route);
            Counter theirs = other.counter(plugin, name, description, route);
            return amount -> {
                mine.add(amount);
                theirs.add(amount);
            };
        };
    }
}
