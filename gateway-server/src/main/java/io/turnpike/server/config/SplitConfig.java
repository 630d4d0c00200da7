package io.turnpike.server.config;

import java.util.List;
import java.util.Map;

/**
 * A route's {@code split}: part of its requests go to other upstreams than its own, for a canary release or a
 * version some clients try first.
 *
 * @param by     what decides which part a request falls in: {@code random} (the default, each request anew),
 *               {@code ip} (the client's address), {@code consumer} (the consumer, or the address for requests
 *               without one), {@code header}, {@code cookie} or {@code query} (its value, or the address for
 *               requests without it); all but {@code random} keep a client on one upstream
 * @param header with {@code by: header}, the request header whose value decides
 * @param cookie with {@code by: cookie}, the cookie whose value decides, such as an application's session cookie
 * @param query  with {@code by: query}, the query parameter whose value decides
 * @param to     the other upstreams, in the order they are considered
 */
public record SplitConfig(String by, String header, String cookie, String query, List<Branch> to) {

    /** Applies the defaults. */
    public SplitConfig {
        by = by == null ? "random" : by;
        to = to == null ? List.of() : List.copyOf(to);
    }

    /**
     * One other upstream and the requests it takes.
     *
     * @param upstream the upstream's name
     * @param weight   the percentage of the requests it applies to that it takes, 0 to 100; default 100 with
     *                 {@code headers}, required without
     * @param headers  request headers that must all be present with exactly these values for it to apply;
     *                 none: it applies to every request
     */
    public record Branch(String upstream, Integer weight, Map<String, String> headers) {

        /** Applies the defaults. */
        public Branch {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            weight = weight == null && !headers.isEmpty() ? Integer.valueOf(100) : weight;
        }
    }
}
