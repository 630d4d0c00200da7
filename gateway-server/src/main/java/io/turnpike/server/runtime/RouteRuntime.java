package io.turnpike.server.runtime;

import io.turnpike.server.plugins.RouteChain;
import io.turnpike.server.plugins.Upstream;

/**
 * A route ready to serve: its chain of filters and the upstream call at its end.
 *
 * @param id                  the route id
 * @param chain               the route's plugins, in run order
 * @param upstream            the call to the route's upstream
 * @param allowEncodedSlashes whether {@code %2F}, {@code %5C} and {@code %00} may appear in its paths
 */
public record RouteRuntime(String id, RouteChain chain, Upstream upstream, boolean allowEncodedSlashes) {
}
