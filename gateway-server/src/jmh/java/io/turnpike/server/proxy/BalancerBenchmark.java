package io.turnpike.server.proxy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The choice of a target for one request: smooth weighted round-robin, and consistent hashing on the ring (its
 * binary search, and the hash of a typical key before it), over upstreams of 3, 100 and 1,000 targets, every
 * target accepting.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BalancerBenchmark {

    private static final int KEYS = 1024;

    @Param({"3", "100", "1000"})
    int targets;

    private HashRing<String> ring;
    private WeightedRoundRobin<String> roundRobin;
    private final String[] keys = new String[KEYS];
    private final long[] hashes = new long[KEYS];
    private int next;

    @Setup
    public void build() {
        List<String> urls = IntStream.range(0, targets).mapToObj(i -> "http://10.0." + (i / 256) + "." + (i % 256)
                + ":8080").toList();
        List<Integer> weights = urls.stream().map(url -> 1).toList();
        ring = new HashRing<>(urls, urls, weights);
        roundRobin = new WeightedRoundRobin<>(urls, weights);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "user-" + (i * 7919);
            hashes[i] = KeyHash.of(keys[i]);
        }
    }

    @Benchmark
    public String roundRobin() {
        return roundRobin.next(target -> true);
    }

    /** The ring's lookup of a hashed key. */
    @Benchmark
    public String ring() {
        return ring.pick(hashes[next++ & (KEYS - 1)], target -> true);
    }

    /** What a consistent-hash upstream does per request: hash the key, then look it up. */
    @Benchmark
    public String hashAndRing() {
        return ring.pick(KeyHash.of(keys[next++ & (KEYS - 1)]), target -> true);
    }
}
