package io.turnpike.server.testkit;

/**
 * The smallest complete configuration, for tests about something else: one upstream, {@code orders}, and one
 * route to it, {@code orders}, for {@code /orders/**}.
 */
public final class OrdersRoute {

    private OrdersRoute() {
    }

    /**
     * @param upstreamUrl the upstream's base URL
     * @return the {@code upstreams} and {@code routes} sections, to append to a test's own sections
     */
    public static String yaml(String upstreamUrl) {
        return """
                upstreams:
                  orders:
                    targets: [{url: "%s"}]
                routes:
                  - id: orders
                    match: {path: /orders/**}
                    upstream: orders
                """.formatted(upstreamUrl);
    }
}
