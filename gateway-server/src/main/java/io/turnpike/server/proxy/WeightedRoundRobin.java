package io.turnpike.server.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Weighted round-robin without a lock: nginx's smooth weighted sequence is computed once, at load
 * time, and requests walk it with an atomic counter. Smooth means a target of weight 3 beside one of
 * weight 1 gets A A B A, not A A A B, so no target receives a burst.
 *
 * @param <T> the target type
 */
final class WeightedRoundRobin<T> {

    /** Beyond this the sequence is long; weights are validated to 1..1000 per target. */
    private static final int MAX_SEQUENCE = 100_000;

    private final List<T> sequence;
    private final AtomicInteger next = new AtomicInteger();

    WeightedRoundRobin(List<T> targets, List<Integer> weights) {
        if (targets.isEmpty() || targets.size() != weights.size()) {
            throw new IllegalArgumentException("need one weight per target, and at least one target");
        }
        int divisor = weights.stream().reduce(0, WeightedRoundRobin::gcd);
        int[] reduced = weights.stream().mapToInt(w -> w / divisor).toArray();
        int total = 0;
        for (int weight : reduced) {
            total += weight;
        }
        if (total > MAX_SEQUENCE) {
            throw new IllegalArgumentException("the sum of weights is too large: " + total);
        }
        List<T> order = new ArrayList<>(total);
        int[] current = new int[reduced.length];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < reduced.length; i++) {
                current[i] += reduced[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order.add(targets.get(best));
        }
        this.sequence = List.copyOf(order);
    }

    T next() {
        int index = next.getAndIncrement() & Integer.MAX_VALUE;
        return sequence.get(index % sequence.size());
    }

    /**
     * The next target in the sequence that {@code accept} takes, walking at most one whole sequence.
     *
     * @param accept whether a target will do; it may be asked about the same target more than once
     * @return the target, or null when none would do
     */
    T next(Predicate<? super T> accept) {
        for (int step = 0; step < sequence.size(); step++) {
            T candidate = next();
            if (accept.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** @return the greatest common divisor of two weights: weights divided by it keep their shares */
    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
