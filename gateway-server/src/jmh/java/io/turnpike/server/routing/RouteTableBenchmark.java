package io.turnpike.server.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.turnpike.api.Headers;
import io.turnpike.server.config.MatchConfig;
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
 * Choosing a route among 10, 1,000 and 10,000: the cost should not grow with the number of routes.
 *
 * <p>The table is built as real configs are: per service, an exact path, a template, a deeper template with
 * a method, a prefix, and a host-bound prefix under a shared parameter ({@code /tenants/{t}/...}), plus a
 * catch-all. Each invocation matches one of 1,024 prepared requests, spread over every service, so the
 * larger tables are not measured on a handful of hot cache lines only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteTableBenchmark {

    private static final int REQUESTS = 1024;

    @Param({"10", "1000", "10000"})
    public int routes;

    private RouteTable<String> table;
    private String[] paths;
    private String[] hosts;
    private int next;

    @Setup
    public void build() {
        int services = Math.max(1, routes / 5);
        List<RouteSpec<String>> specs = new ArrayList<>();
        specs.add(route("fallback", "/**", List.of(), null));
        for (int i = 0; specs.size() < routes; i++) {
            String service = "/svc" + i;
            specs.add(route("health-" + i, service + "/health", List.of(), null));
            specs.add(route("item-" + i, service + "/items/{id}", List.of(), null));
            specs.add(route("orders-" + i, service + "/items/{id}/orders/{oid}", List.of("GET"), null));
            specs.add(route("prefix-" + i, service + "/**", List.of(), null));
            specs.add(route("tenant-" + i, "/tenants/{t}/svc" + i + "/**", List.of(), "*.t" + i + ".example.com"));
        }
        List<String> errors = new ArrayList<>();
        table = RouteTable.build(specs.subList(0, routes), errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.toString());
        }
        SplittableRandom random = new SplittableRandom(42);
        paths = new String[REQUESTS];
        hosts = new String[REQUESTS];
        for (int r = 0; r < REQUESTS; r++) {
            int i = random.nextInt(services);
            hosts[r] = "api.example.com";
            paths[r] = switch (r % 5) {
                case 0 -> "/svc" + i + "/health";
                case 1 -> "/svc" + i + "/items/" + r;
                case 2 -> "/svc" + i + "/items/" + r + "/orders/7";
                case 3 -> "/svc" + i + "/static/css/site.css";
                default -> {
                    hosts[r] = "a.t" + i + ".example.com";
                    yield "/tenants/a/svc" + i + "/reports/" + r;
                }
            };
        }
    }

    private static RouteSpec<String> route(String id, String path, List<String> methods, String host) {
        return new RouteSpec<>(id, new MatchConfig(path, methods, host, Map.of()), id);
    }

    @Benchmark
    public RouteMatch<String> match() {
        int r = next++ & (REQUESTS - 1);
        return table.match("GET", hosts[r], paths[r], Headers.empty());
    }
}
