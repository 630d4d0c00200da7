package io.turnpike.server.proxy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleBiFunction;

import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.config.SplitConfig;
import io.turnpike.server.plugins.Upstream;

/**
 * A route's upstream with part of its requests split off to others ({@code routes[].split}). Each request gets a
 * point in [0, 100): random, or from a hash of its client, consumer or header, so that it always lands the same.
 * The branches whose headers the request carries are walked in order, each taking the next {@code weight} of the
 * range; a point no branch takes goes to the route's own upstream.
 *
 * <p>The decision is made after the route's plugins, at the upstream call, so that {@code by: consumer} sees the
 * consumer authentication found.
 */
public final class SplitUpstream implements Upstream {

    /**
     * One other upstream.
     *
     * @param call    the call to it
     * @param weight  the percentage of the requests it applies to that it takes
     * @param headers what a request must carry for it to apply
     */
    record Branch(Upstream call, int weight, Map<String, String> headers) {

        boolean appliesTo(Headers request) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (!request.all(header.getKey()).contains(header.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Upstream main;
    private final List<Branch> branches;
    private final ToDoubleBiFunction<Exchange, Request> point;

    /**
     * @param main     the route's own upstream
     * @param branches the others, in order
     * @param point    a request's point in [0, 100)
     */
    SplitUpstream(Upstream main, List<Branch> branches, ToDoubleBiFunction<Exchange, Request> point) {
        this.main = main;
        this.branches = List.copyOf(branches);
        this.point = point;
    }

    /**
     * @param split how the route's config splits it
     * @param main  the call to the route's own upstream
     * @param calls the call to each other upstream, by name
     * @return the route's upstream
     */
    public static SplitUpstream of(SplitConfig split, Upstream main, Map<String, Upstream> calls) {
        List<Branch> branches = split.to().stream()
                .map(branch -> new Branch(calls.get(branch.upstream()), branch.weight(), branch.headers()))
                .toList();
        return new SplitUpstream(main, branches, points(split));
    }

    private static ToDoubleBiFunction<Exchange, Request> points(SplitConfig split) {
        return switch (split.by()) {
            case "ip" -> (exchange, request) -> point(exchange.clientAddress().getHostAddress());
            case "consumer" -> (exchange, request) -> point(exchange.consumer().filter(consumer -> !exchange.guest())
                    .map(consumer -> "consumer " + consumer.name())
                    .orElseGet(() -> exchange.clientAddress().getHostAddress()));
            case "header" -> (exchange, request) -> request.headers().first(split.header())
                    .map(SplitUpstream::point)
                    .orElseGet(() -> point(exchange.clientAddress().getHostAddress()));
            case "cookie" -> (exchange, request) -> Cookies.first(request.headers(), split.cookie())
                    .map(SplitUpstream::point)
                    .orElseGet(() -> point(exchange.clientAddress().getHostAddress()));
            case "query" -> (exchange, request) -> request.queryParam(split.query())
                    .map(SplitUpstream::point)
                    .orElseGet(() -> point(exchange.clientAddress().getHostAddress()));
            default -> (exchange, request) -> ThreadLocalRandom.current().nextDouble(100);
        };
    }

    /**
     * A key's point in [0, 100): its string hash, spread over 64 bits by {@link KeyHash#mix(long)} so that keys that
     * differ little (addresses of one subnet) land far apart.
     */
    static double point(String key) {
        return (KeyHash.mix(key.hashCode()) >>> 11) * 0x1.0p-53 * 100;
    }

    @Override
    public Response call(Exchange exchange, Request request) {
        double at = point.applyAsDouble(exchange, request);
        double from = 0;
        for (Branch branch : branches) {
            if (branch.appliesTo(request.headers())) {
                if (at < from + branch.weight()) {
                    return branch.call().call(exchange, request);
                }
                from += branch.weight();
            }
        }
        return main.call(exchange, request);
    }
}
