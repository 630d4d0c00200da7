package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example at the top of docs/resilience.md, run as written but with the targets on loopback. */
class ResilienceDocExampleTest {

    @TempDir
    Path dir;

    @Test
    void documentedExampleServesThroughEveryResilienceFeature() {
        try (TestUpstream first = TestUpstream.ok(); TestUpstream second = TestUpstream.ok()) {
            String yaml = DocExamples.firstYamlBlock("resilience.md")
                    .replace("http://10.0.0.7:8080", first.url())
                    .replace("http://10.0.0.8:8080", second.url());
            try (TestGateway gateway = TestGateway.start(yaml, dir.resolve("plugins"), dir)) {

                assertEquals(200, gateway.get("/orders/1").statusCode());
                assertEquals("least-requests", Resilience.upstreams(gateway).path(0).path("balancing").asText());
                assertEquals(200, Resilience.upstreams(gateway).path(0).path("bulkhead").path("max-concurrent-requests").asInt());
            }
        }
    }
}
