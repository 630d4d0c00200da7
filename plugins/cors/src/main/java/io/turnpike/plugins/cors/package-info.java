/**
 * The {@code cors} plugin: cross-origin resource sharing (the Fetch standard's CORS protocol) for browsers
 * calling a route from pages of other origins.
 *
 * <p>Only {@link io.turnpike.plugins.cors.CorsPlugin} (found by PF4J) and its config record are public.
 */
package io.turnpike.plugins.cors;
