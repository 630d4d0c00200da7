package io.turnpike.plugins.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import io.turnpike.api.Exchange;
import io.turnpike.api.Request;

/**
 * Whose requests count together. Keys carry a prefix per kind, so a consumer named like an address never
 * shares a counter with that address; values a client chose (header values) are capped in length, so that
 * no client can make a key large.
 */
final class RateLimitKeys {

    private static final int MAX_KEY_LENGTH = 128;

    private final KeyBy by;
    private final String header;
    private final String globalKey;

    /**
     * @param header the header of {@code by: header}, else unused
     * @param limits the route's limits: routes with {@code by: global} and the same limits share one counter
     */
    RateLimitKeys(KeyBy by, String header, List<Limit> limits) {
        this.by = by;
        this.header = header;
        this.globalKey = "global:" + limits.stream().map(limit -> limit.max() + "/" + limit.name())
                .collect(Collectors.joining(","));
    }

    String keyOf(Exchange exchange, Request request) {
        return switch (by) {
            // A guest is the route's anonymous consumer, the one name of every unrecognised caller: counted
            // together, one guest could spend the quota of all others.
            case CONSUMER -> exchange.consumer().filter(consumer -> !exchange.guest())
                    .map(consumer -> bounded("consumer:" + consumer.name()))
                    .orElseGet(() -> ip(exchange));
            case IP -> ip(exchange);
            case HEADER -> request.headers().first(header).map(value -> bounded("header:" + value))
                    .orElseGet(() -> ip(exchange));
            // per route also when a global rate-limit's routes share one store
            case ROUTE -> "route:" + exchange.routeId();
            case GLOBAL -> globalKey;
        };
    }

    private static String ip(Exchange exchange) {
        return "ip:" + exchange.clientAddress().getHostAddress();
    }

    /** Long keys become a digest of themselves: distinct keys stay distinct, and every key stays small. */
    private static String bounded(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        return key.substring(0, key.indexOf(':') + 1) + "sha256:"
                + Digests.hex("SHA-256", key.getBytes(StandardCharsets.UTF_8));
    }
}
