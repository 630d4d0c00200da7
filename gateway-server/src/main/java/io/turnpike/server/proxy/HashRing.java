package io.turnpike.server.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Consistent hashing on a ring, as nginx's {@code hash ... consistent} and Kong's and Envoy's ring hash do. Each
 * target owns points on a ring of 64-bit values, as many as its weight asks; a request's key is a point too, and
 * the first target clockwise from it takes the request. When that target may not (unhealthy, ejected, its
 * breaker open, or already tried), the next other target clockwise does, so its keys spread over the rest while
 * every other key stays where it was.
 *
 * <p>A target's points are derived from its identity (URL, and address when found in DNS) alone, so a target that
 * comes or goes moves only the keys of its own points: about {@code 1/n} of them.
 *
 * @param <T> the target type
 */
final class HashRing<T> {

    /** Points per unit of weight: nginx's figure, which keeps the targets' shares within a few percent. */
    static final int POINTS_PER_WEIGHT = 160;
    /**
     * About 2 MB of ring. Past it each unit of weight gets fewer points (at least one per target), and as that
     * number then depends on the other targets' weights, a target that comes or goes also moves a few keys
     * among the others.
     */
    static final int MAX_POINTS = 160_000;

    private final List<T> targets;
    /** Sorted ascending; the ring wraps from the last to the first. */
    private final long[] points;
    /** {@code owners[i]} is the index in {@link #targets} of the target owning {@code points[i]}. */
    private final int[] owners;

    /**
     * @param targets    the targets, at least one
     * @param identities what tells each target apart, in the same order; its points derive from it
     * @param weights    each target's weight, at least 1, in the same order
     */
    HashRing(List<T> targets, List<String> identities, List<Integer> weights) {
        if (targets.isEmpty() || targets.size() != identities.size() || targets.size() != weights.size()) {
            throw new IllegalArgumentException("need one identity and one weight per target, and at least one target");
        }
        this.targets = List.copyOf(targets);
        int divisor = weights.stream().reduce(0, WeightedRoundRobin::gcd);
        long units = weights.stream().mapToLong(weight -> weight / divisor).sum();
        double perUnit = Math.min(POINTS_PER_WEIGHT, MAX_POINTS / (double) units);
        int[] counts = weights.stream().mapToInt(weight -> (int) Math.max(1, Math.round(weight / divisor * perUnit)))
                .toArray();
        int total = Arrays.stream(counts).sum();
        long[] hashes = new long[total];
        int[] owner = new int[total];
        int at = 0;
        for (int target = 0; target < targets.size(); target++) {
            long seed = KeyHash.of(identities.get(target));
            for (int point = 0; point < counts[target]; point++) {
                // the point-th value of a SplitMix64 sequence seeded by the identity: distinct, and spread
                hashes[at] = KeyHash.mix(seed + (point + 1) * 0x9E3779B97F4A7C15L);
                owner[at] = target;
                at++;
            }
        }
        Integer[] order = new Integer[total];
        Arrays.setAll(order, i -> i);
        // ties (two equal 64-bit points) are broken by owner, so that the ring does not depend on list order
        Arrays.sort(order, (a, b) -> hashes[a] != hashes[b]
                ? Long.compareUnsigned(hashes[a], hashes[b])
                : identities.get(owner[a]).compareTo(identities.get(owner[b])));
        this.points = new long[total];
        this.owners = new int[total];
        for (int i = 0; i < total; i++) {
            points[i] = hashes[order[i]];
            owners[i] = owner[order[i]];
        }
    }

    /** @return how many points the ring holds */
    int size() {
        return points.length;
    }

    /**
     * The first target clockwise from {@code key} that {@code accept} takes, each target asked at most once.
     *
     * @param key    the request's hash
     * @param accept whether a target will do
     * @return the target, or null when none would do
     */
    T pick(long key, Predicate<? super T> accept) {
        int start = ceiling(key);
        int first = owners[start];
        if (accept.test(targets.get(first))) {
            return targets.get(first);
        }
        boolean[] asked = new boolean[targets.size()];
        asked[first] = true;
        int left = targets.size() - 1;
        for (int step = 1; step < points.length && left > 0; step++) {
            int owner = owners[(start + step) % points.length];
            if (!asked[owner]) {
                asked[owner] = true;
                left--;
                if (accept.test(targets.get(owner))) {
                    return targets.get(owner);
                }
            }
        }
        return null;
    }

    /** The index of the first point at or after {@code key} in unsigned order, wrapping to 0 past the last. */
    private int ceiling(long key) {
        int low = 0;
        int high = points.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(points[middle], key) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low == points.length ? 0 : low;
    }

}
