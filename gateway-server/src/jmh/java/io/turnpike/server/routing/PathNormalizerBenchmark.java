package io.turnpike.server.routing;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Path normalisation on every request: a path already canonical (the common case, scanned once and
 * returned as given) and paths that must be rewritten.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathNormalizerBenchmark {

    @Param({
            "/api/v1/users/12345/orders",
            "/api/v1/users/%7Ejohn/./orders//../orders/",
            "/static/%E2%82%AC/caf\u00e9/na\u00efve%2e%2e/x"
    })
    public String path;

    @Benchmark
    public NormalizedPath normalize() {
        return PathNormalizer.normalize(path);
    }
}
