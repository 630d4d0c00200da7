package io.turnpike.server.routing;

import io.turnpike.server.config.MatchConfig;

/**
 * A route as given to {@link RouteTable#build}: checked there, so any part may be missing or wrong here.
 *
 * @param id     the route's id, for errors and for the route table the {@code validate} command prints
 * @param match  which requests the route takes
 * @param target what a match returns, such as the route's compiled filter chain
 * @param <R>    the type of target
 */
public record RouteSpec<R>(String id, MatchConfig match, R target) {
}
