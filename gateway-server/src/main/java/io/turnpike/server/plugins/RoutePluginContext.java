package io.turnpike.server.plugins;

import io.turnpike.api.Counter;
import io.turnpike.api.PluginContext;
import io.turnpike.server.observability.PluginMeters;

/**
 * What one route's filter is given when it is created.
 *
 * @param routeId    the route
 * @param instance   the route id, or {@link PluginContext#GLOBAL} for a plugin under {@code plugins.global}
 * @param pluginName the plugin
 * @param logger     a logger named {@code io.turnpike.plugin.<name>}, so operators can tune plugins apart
 *                   from the gateway
 * @param meters     where the plugin's counters are kept
 */
record RoutePluginContext(String routeId, String instance, String pluginName, System.Logger logger,
                          PluginMeters meters) implements PluginContext {

    static RoutePluginContext of(String routeId, boolean global, String pluginName, PluginMeters meters) {
        return new RoutePluginContext(routeId, global ? GLOBAL : routeId, pluginName,
                System.getLogger("io.turnpike.plugin." + pluginName), meters);
    }

    @Override
    public Counter counter(String name, String description) {
        // the API's default checks the name, and the rule stays in one place
        PluginContext.super.counter(name, description);
        return meters.counter(pluginName, name, description, routeId);
    }
}
