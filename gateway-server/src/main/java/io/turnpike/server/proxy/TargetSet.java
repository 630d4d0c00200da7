package io.turnpike.server.proxy;

import java.util.List;

import io.turnpike.server.config.Balancing;

/**
 * The targets of an upstream at one moment, with the balancer over them. Immutable: DNS discovery replaces the
 * whole set, so that a request picks from one consistent set however the addresses change.
 *
 * @param targets  the targets, possibly none while no configured name resolves
 * @param balancer picks among them
 */
record TargetSet(List<TargetState> targets, Balancer balancer) {

    /**
     * @param targets   the targets
     * @param balancing how to pick among them
     * @return the set
     */
    static TargetSet of(List<TargetState> targets, Balancing balancing) {
        List<TargetState> fixed = List.copyOf(targets);
        if (fixed.isEmpty()) {
            return new TargetSet(fixed, accept -> null);
        }
        Balancer balancer = balancing == Balancing.LEAST_REQUESTS
                ? new LeastRequests(fixed)
                : new WeightedRoundRobin<>(fixed, fixed.stream().map(TargetState::weight).toList())::next;
        return new TargetSet(fixed, balancer);
    }
}
