/**
 * The Turnpike plugin API: everything a third-party plugin compiles against.
 *
 * <p>A plugin is a {@link io.turnpike.api.GatewayPlugin} found by PF4J in a jar in the gateway's plugins
 * directory. For each route that names it, the gateway binds the route's {@code config:} to the plugin's
 * config type, validates it, and asks the plugin for a {@link io.turnpike.api.Filter}. Filters are
 * interceptors in the shape of OkHttp's: look at the request, answer or {@link io.turnpike.api.Chain#proceed
 * proceed}, look at the response.
 *
 * <p>The package holds interfaces, small immutable values and one helper, {@link io.turnpike.api.SharedState}
 * for state kept across configuration reloads; no Helidon type, so that the server's internals can change
 * without breaking a plugin. It follows semantic versioning: plugins declare the
 * range they accept in their {@code Plugin-Requires} manifest entry, such as {@code >=1.0.0 & <2.0.0}.
 */
package io.turnpike.api;
