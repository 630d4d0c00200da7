package io.turnpike.server.plugins;

import io.turnpike.api.PluginContext;

/**
 * What one route's filter is given when it is created.
 *
 * @param routeId    the route
 * @param pluginName the plugin
 * @param logger     a logger named {@code io.turnpike.plugin.<name>}, so operators can tune plugins apart
 *                   from the gateway
 */
record RoutePluginContext(String routeId, String pluginName, System.Logger logger) implements PluginContext {

    static RoutePluginContext of(String routeId, String pluginName) {
        return new RoutePluginContext(routeId, pluginName, System.getLogger("io.turnpike.plugin." + pluginName));
    }
}
