package io.turnpike.server.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Least requests: the target with the fewest requests in flight relative to its weight. Targets that
 * tie are tried from a random starting point, so equal targets share the load instead of the first
 * one taking every request of a quiet moment.
 */
final class LeastRequests implements Balancer {

    private final List<TargetState> targets;

    LeastRequests(List<TargetState> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public TargetState pick(long key, Predicate<TargetState> accept) {
        int count = targets.size();
        int start = ThreadLocalRandom.current().nextInt(count);
        // loads are read once: counters move while sorting, and a comparator must be consistent
        List<Load> order = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TargetState target = targets.get((start + i) % count);
            order.add(new Load(target, target.inFlight()));
        }
        order.sort(Comparator.naturalOrder());
        for (Load load : order) {
            if (accept.test(load.target())) {
                return load.target();
            }
        }
        return null;
    }

    private record Load(TargetState target, int inFlight) implements Comparable<Load> {

        /** inFlight / weight compared without division. */
        @Override
        public int compareTo(Load other) {
            return Long.compare((long) inFlight * other.target.weight(), (long) other.inFlight * target.weight());
        }
    }
}
