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
            return new TargetSet(fixed, (key, accept) -> null);
        }
        List<Integer> weights = fixed.stream().map(TargetState::weight).toList();
        Balancer balancer = switch (balancing) {
            case LEAST_REQUESTS -> new LeastRequests(fixed);
            case CONSISTENT_HASH -> new HashRing<>(fixed,
                    fixed.stream().map(state -> Placement.key(state.url(), state.target())).toList(), weights)::pick;
            case ROUND_ROBIN -> {
                WeightedRoundRobin<TargetState> roundRobin = new WeightedRoundRobin<>(fixed, weights);
                yield (key, accept) -> roundRobin.next(accept);
            }
        };
        return new TargetSet(fixed, balancer);
    }
}
