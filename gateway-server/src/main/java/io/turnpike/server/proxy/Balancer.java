package io.turnpike.server.proxy;

import java.util.function.Predicate;

/**
 * Picks the target for one try of a request.
 */
@FunctionalInterface
interface Balancer {

    /**
     * @param key    the request's hash, for balancers that place requests by it; others ignore it
     * @param accept whether a target will do; it reserves the target when it says yes, so it is asked
     *               in the order of preference and the first yes wins
     * @return the accepted target, or null when none would do
     */
    TargetState pick(long key, Predicate<TargetState> accept);
}
