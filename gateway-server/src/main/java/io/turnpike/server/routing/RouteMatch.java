package io.turnpike.server.routing;

import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of {@link RouteTable#match}.
 *
 * @param <R> the type of route target
 */
public sealed interface RouteMatch<R> {

    /**
     * A route takes the request.
     *
     * @param target     the route's target
     * @param pathParams the values of the pattern's {@code {name}} segments, as they are in the normalised
     *                   path: still percent-encoded, so that a {@code %2F} in a value stays distinguishable
     * @param <R>        the type of route target
     */
    record Found<R>(R target, Map<String, String> pathParams) implements RouteMatch<R> {

        /** Makes the parameters immutable. */
        public Found {
            pathParams = Map.copyOf(pathParams);
        }
    }

    /**
     * No route takes the path, host and headers: answer 404.
     *
     * @param <R> the type of route target
     */
    record NotFound<R>() implements RouteMatch<R> {
    }

    /**
     * Routes take the path, host and headers but not the method: answer 405 with an {@code Allow} header.
     *
     * @param allowed the methods those routes take, upper-case
     * @param <R>     the type of route target
     */
    record MethodNotAllowed<R>(SortedSet<String> allowed) implements RouteMatch<R> {

        /** Makes the set immutable. */
        public MethodNotAllowed {
            allowed = Collections.unmodifiableSortedSet(new TreeSet<>(allowed));
        }
    }
}
