/**
 * Request routing: {@link io.turnpike.server.routing.PathNormalizer} puts the raw path into the one form
 * that both the router and the upstream see, then {@link io.turnpike.server.routing.RouteTable} chooses
 * the route. Both are built or called once per config and per request, and hold no mutable state.
 */
package io.turnpike.server.routing;
