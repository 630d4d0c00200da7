package io.turnpike.api;

/**
 * What the gateway hands a plugin when it {@linkplain GatewayPlugin#create creates} a filter for a route.
 */
public interface PluginContext {

    /**
     * The id of the route the filter serves.
     *
     * @return the route id
     */
    String routeId();

    /**
     * The plugin's name, as routes reference it.
     *
     * @return the plugin name
     */
    String pluginName();

    /**
     * A logger named for the plugin. Never log secrets, credentials or whole bodies.
     *
     * @return the logger
     */
    System.Logger logger();
}
