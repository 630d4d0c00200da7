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
     * The configured instance the filter belongs to: the route's id for a plugin on a route's {@code plugins:}
     * list, or {@value #GLOBAL} for one under {@code plugins.global}, whose one config every route runs (each
     * route still gets a filter of its own, with its own {@link #routeId()}). A plugin whose state should belong
     * to the configuration rather than to the route, as a rate limit's counts across the whole gateway, keys
     * its {@link SharedState} by this instead of the route id; one whose state is naturally per route, as a cache
     * of a route's answers, keeps keying by the route.
     *
     * <p>The default, for test doubles written before 1.2.0, is the route's id.
     *
     * @return the route id, or {@value #GLOBAL}
     * @since 1.2.0
     */
    default String instance() {
        return routeId();
    }

    /**
     * What {@link #instance()} is for a plugin under {@code plugins.global}: no route id can be this, as route ids
     * hold only letters, digits, {@code .}, {@code _} and {@code -}.
     *
     * @since 1.2.0
     */
    String GLOBAL = "(global)";

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
