package io.turnpike.api;

import java.util.List;

import org.pf4j.ExtensionPoint;

/**
 * A plugin: the factory that turns one route's {@code config:} block into a {@link Filter}.
 *
 * <p>The gateway finds implementations with PF4J (annotate the class with {@code @org.pf4j.Extension}),
 * binds each route's {@code config:} to {@link #configType()} at load time, calls {@link #validate}, and
 * only then {@link #create creates} one filter per route. A request never sees a config that failed
 * validation, so a filter needs no null checks or defaults of its own.
 *
 * <pre>{@code
 * @Extension
 * public final class HelloPlugin implements GatewayPlugin<HelloPlugin.Config> {
 *     public record Config(String greeting) { }
 *
 *     public String name() { return "hello"; }
 *     public Class<Config> configType() { return Config.class; }
 *     public Phase phase() { return Phase.TRANSFORMATION; }
 *
 *     public Filter create(Config config, PluginContext context) {
 *         return (exchange, chain) -> chain.proceed(
 *                 chain.request().withHeaders(chain.request().headers().with("X-Hello", config.greeting())));
 *     }
 * }
 * }</pre>
 *
 * @param <C> the plugin's config type, usually a record; keys in YAML are the component names in kebab-case
 */
public interface GatewayPlugin<C> extends ExtensionPoint {

    /**
     * The name routes use in {@code plugins: - name: ...}; unique among the loaded plugins.
     *
     * @return a lower-case, dash-separated name such as {@code request-transformer}
     */
    String name();

    /**
     * The type a route's {@code config:} block is bound to. Unknown keys are rejected; a missing block
     * binds as an empty object.
     *
     * @return the config class, typically a record
     */
    Class<C> configType();

    /**
     * Where the plugin runs in every chain. Within one phase, the route's list order holds.
     *
     * @return the phase
     */
    Phase phase();

    /**
     * Checks a bound config beyond what its types say. Called once per route at load time; the errors of
     * every route are reported together, and a config with errors is never passed to {@link #create}.
     *
     * @param config the bound config
     * @return every problem found, empty when the config is valid
     */
    default List<ConfigError> validate(C config) {
        return List.of();
    }

    /**
     * Makes the filter for one route. Called once per route each time the configuration is loaded;
     * the filter is {@linkplain Filter#close() closed} when that configuration is replaced or the
     * gateway stops.
     *
     * @param config  the validated config
     * @param context what the gateway offers this route's filter
     * @return the filter
     */
    Filter create(C config, PluginContext context);

    /**
     * Whether this plugin's filter answers its route's requests itself, by another protocol than the
     * gateway's HTTP call (a gRPC transcoder, say), so that a route with it may name no {@code upstream}.
     * On such a route, a request the filter passes on with {@link Chain#proceed} is answered 404. The
     * default is false: a route needs an upstream unless one of its plugins says true.
     *
     * @return true when the plugin can stand in for the route's upstream
     */
    default boolean answersInPlaceOfUpstream() {
        return false;
    }

    /**
     * Endpoints this plugin adds to the admin listener, such as a cache's purge. Called once when the
     * gateway starts; the plugin instance lives as long as the gateway, so its endpoints can reach state it
     * shares across the filters of every route (a cache store, say). The default adds none.
     *
     * @return the endpoints, empty for none
     */
    default List<AdminEndpoint> adminEndpoints() {
        return List.of();
    }
}
