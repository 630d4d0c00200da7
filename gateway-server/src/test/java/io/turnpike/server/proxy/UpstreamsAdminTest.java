package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /upstreams on the admin port: every upstream and the state of each target. */
class UpstreamsAdminTest {

    @TempDir
    Path dir;

    @Test
    void showsEachTargetWithItsBreakerAndHealth() {
        try (TestUpstream upstream = TestUpstream.ok();
             TestGateway gateway = TestGateway.start(Resilience.config("", upstream.url()), dir.resolve("plugins"), dir)) {
            gateway.get("/r");

            var response = gateway.adminGet("/upstreams");
            JsonNode backend = Resilience.upstreams(gateway).path(0);
            JsonNode target = backend.path("targets").path(0);

            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("backend", backend.path("name").asText());
            assertEquals("round-robin", backend.path("balancing").asText());
            assertFalse(backend.has("bulkhead"), "no bulkhead is configured");
            assertEquals(upstream.url(), target.path("url").asText());
            assertEquals(true, target.path("available").asBoolean());
            // the request is done for the client a moment before the gateway has closed its exchange
            Eventually.await("the finished request leaves in-flight", () ->
                    Resilience.target(gateway, "backend", 0).path("in-flight").asInt() == 0);
            assertEquals("CLOSED", target.path("circuit-breaker").path("state").asText());
            assertEquals(1, target.path("circuit-breaker").path("calls").asInt());
            assertEquals("HEALTHY", target.path("health").path("passive").asText());
            assertEquals("UNCHECKED", target.path("health").path("active").asText());
        }
    }
}
