package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A route's {@code split}: its defaults, and the errors docs/configuration.md lists for it. */
class SplitConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/plugins"));

    private static String yaml(String upstream, String split) {
        return """
                upstreams:
                  orders: {targets: [{url: "http://10.0.0.7:8080"}]}
                  orders-next: {targets: [{url: "http://10.0.0.9:8080"}]}
                routes:
                  - id: orders
                    match: {path: /orders/**}
                %s    split:
                %s""".formatted(upstream, split.indent(6));
    }

    private List<String> errorsOf(String split) {
        return errorsOf("    upstream: orders\n", split);
    }

    private List<String> errorsOf(String upstream, String split) {
        return assertThrows(ConfigException.class,
                () -> loader.load(yaml(upstream, split), Path.of("/etc/turnpike"))).errors();
    }

    @Test
    void aRandomSplitIsTheDefaultAndABranchWithHeadersTakesAllItAppliesTo() {
        SplitConfig split = loader.load(yaml("    upstream: orders\n",
                "to: [{upstream: orders-next, headers: {X-Canary: \"1\"}}]"), Path.of("/etc/turnpike"))
                .config().routes().getFirst().split();

        assertEquals("random", split.by());
        assertEquals(100, split.to().getFirst().weight());
    }

    @Test
    void everyMistakeIsNamedAtItsKeyAsTheDocsShow() {
        assertEquals(List.of("routes[0].split: splits the requests of the route's upstream, and the route names none"),
                errorsOf("", "to: [{upstream: orders-next, weight: 10}]"));
        assertEquals(List.of("routes[0].split.to[0].upstream: no upstream is named \"orders-nxt\" (defined: orders,"
                + " orders-next)"), errorsOf("to: [{upstream: orders-nxt, weight: 10}]"));
        assertEquals(List.of("routes[0].split.to[0].weight: must be 0 to 100, got 150"),
                errorsOf("to: [{upstream: orders-next, weight: 150}]"));
        assertEquals(List.of("routes[0].split.to[0].weight: missing; the percentage of the route's requests it takes,"
                + " 0 to 100"), errorsOf("to: [{upstream: orders-next}]"));
        assertEquals(List.of("routes[0].split.to: the weights of the upstreams without headers add up to 120%; at most"
                + " 100% of the requests can be split off"),
                errorsOf("to: [{upstream: orders-next, weight: 60}, {upstream: orders, weight: 60}]"));
        assertEquals(List.of("routes[0].split.by: must be random, ip, consumer, header, cookie or query, got"
                + " \"user\""), errorsOf("by: user\nto: [{upstream: orders-next, weight: 10}]"));
        assertEquals(List.of("routes[0].split.query: missing; by: query needs the query parameter whose value decides"),
                errorsOf("by: query\nto: [{upstream: orders-next, weight: 10}]"));
        assertEquals(List.of("routes[0].split.cookie: missing; by: cookie needs the cookie whose value decides"),
                errorsOf("by: cookie\nto: [{upstream: orders-next, weight: 10}]"));
        assertEquals(List.of("routes[0].split.header: missing; by: header needs the header whose value decides"),
                errorsOf("by: header\nto: [{upstream: orders-next, weight: 10}]"));
        assertEquals(List.of("routes[0].split.to: at least one upstream is needed"), errorsOf("to: []"));
    }
}
