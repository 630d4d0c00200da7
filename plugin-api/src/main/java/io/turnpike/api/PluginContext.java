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

    /**
     * A counter of this plugin on this route. With {@code telemetry.prometheus} it is served at the admin port's
     * {@code GET /metrics} as {@code turnpike_plugin_<plugin>_<name>_total{turnpike_route="<route>"}}, the
     * plugin's name with {@code _} for {@code -}; with {@code telemetry.otlp} it is pushed as
     * {@code turnpike.plugin.<plugin>.<name>} with the attribute {@code turnpike.route}. Without telemetry, counts
     * go nowhere. Ask for counters in {@link GatewayPlugin#create} (or
     * {@link AuthenticationPlugin#authenticator}), never per request: each route of each configuration asks
     * again, and gets the same count under the same name.
     *
     * <p>The default, for test doubles written before 1.1.0, counts nowhere.
     *
     * @param name        what is counted: lower-case letters, digits and {@code _}, starting with a letter, at
     *                    most 64 characters, such as {@code cache_hits}; the same name always with the same
     *                    description
     * @param description one sentence for the metric's help text
     * @return the counter
     * @throws IllegalArgumentException when the name is not of that form
     * @since 1.1.0
     */
    default Counter counter(String name, String description) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("a counter's name is lower-case letters, digits and _, starting with a"
                    + " letter, at most 64 characters: " + name);
        }
        return Counter.NONE;
    }
}
