package io.turnpike.server.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.turnpike.api.Counter;

/**
 * Plugin meters that keep at most {@link #MAX_COUNTERS} counters, whatever the kinds of export behind them: names
 * come from plugin code, which may be careless, and each name is a series in every export.
 */
final class BoundedPluginMeters implements PluginMeters {

    /** The most counters all plugins together may have. */
    static final int MAX_COUNTERS = 1000;

    private static final System.Logger LOGGER = System.getLogger(BoundedPluginMeters.class.getName());

    private final PluginMeters meters;
    /** Each plugin's counter names, as {@code plugin/name}. */
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    /** @param meters where the counters are kept */
    BoundedPluginMeters(PluginMeters meters) {
        this.meters = meters;
    }

    @Override
    public Counter counter(String plugin, String name, String description, String route) {
        String key = plugin + "/" + name;
        if (!names.contains(key) && names.size() >= MAX_COUNTERS) {
            LOGGER.log(System.Logger.Level.WARNING, () -> "plugin " + plugin + ": counter " + name + " not exported;"
                    + " plugins already have " + MAX_COUNTERS + " counters");
            return Counter.NONE;
        }
        names.add(key);
        return meters.counter(plugin, name, description, route);
    }
}
