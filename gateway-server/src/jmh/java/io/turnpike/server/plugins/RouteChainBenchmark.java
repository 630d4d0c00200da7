package io.turnpike.server.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.turnpike.api.Body;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
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
 * What the chain itself costs a request, with 0, 3 and 10 filters that only proceed: the price of the
 * fencing and of one {@code Chain} link per filter, apart from what any plugin does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteChainBenchmark {

    @Param({"0", "3", "10"})
    public int filters;

    private RouteChain chain;
    private final TestExchange exchange = new TestExchange("bench-request", "bench");
    private final Request request = new Request("GET", "/items/1", "", Headers.of("Accept", "application/json"), Body.empty());
    private final Response answer = new Response(200, Headers.of("Content-Type", "application/json"), Body.empty());
    private final Upstream upstream = (exchange, request) -> answer;

    @Setup
    public void build() {
        List<RouteChain.NamedFilter> named = new ArrayList<>();
        for (int i = 0; i < filters; i++) {
            Filter proceedOnly = (exchange, chain) -> chain.proceed(chain.request());
            named.add(new RouteChain.NamedFilter("no-op-" + i, proceedOnly));
        }
        chain = new RouteChain("bench", named);
    }

    @Benchmark
    public Response execute() {
        return chain.execute(exchange, request, upstream);
    }
}
