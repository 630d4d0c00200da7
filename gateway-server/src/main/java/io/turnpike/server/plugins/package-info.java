/**
 * The plugin host: loads plugin jars with PF4J, and turns each route's {@code plugins:} list into a
 * {@link io.turnpike.server.plugins.RouteChain} of filters.
 *
 * <p>Loading is forgiving per jar (a bad jar is logged and skipped, the others load), while building a
 * route's chain is strict: every error in the route's plugin list is reported, and no filter is created
 * unless all of them validate.
 */
package io.turnpike.server.plugins;
