package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalancingTest {

    @TempDir
    Path dir;

    @Test
    void targetsShareTrafficByWeight() {
        try (TestUpstream heavy = TestUpstream.ok(); TestUpstream light = TestUpstream.ok();
             TestGateway gateway = TestGateway.start("""
                     upstreams:
                       backend:
                         targets:
                           - url: %s
                             weight: 3
                           - url: %s
                     routes:
                       - id: all
                         match: {path: /**}
                         upstream: backend
                     """.formatted(heavy.url(), light.url()), dir.resolve("plugins"), dir)) {

            for (int i = 0; i < 40; i++) {
                assertEquals(200, gateway.get("/r").statusCode());
            }

            assertEquals(30, heavy.requestCount());
            assertEquals(10, light.requestCount());
        }
    }

    @Test
    void smoothOrderSpreadsTheHeavierTarget() {
        WeightedRoundRobin<String> balancer = new WeightedRoundRobin<>(java.util.List.of("a", "b"), java.util.List.of(3, 1));

        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            order.append(balancer.next());
        }

        assertEquals("aabaaaba", order.toString());
    }
}
