package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload keeps the state of every upstream whose settings did not change (health, breakers, connections), so
 * that it never sends traffic back to a target known to fail; an upstream it changes starts afresh.
 */
class UpstreamStateAcrossReloadTest {

    private static final String RESILIENCE = """
            retries: {max-retries: 0}
            health-check: {passive: {consecutive-failures: 1, ejection-time: 5m}}
            """;

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream failing = TestUpstream.replying(request -> TestUpstream.Reply.text(500, "failing"));
    @AutoClose
    private final TestUpstream working = TestUpstream.replying(request -> TestUpstream.Reply.text(200, "working"));
    @AutoClose
    private TestGateway gateway;

    private String config(String settings, String extraRoute) {
        return Resilience.config(settings, failing.url(), working.url()) + extraRoute;
    }

    private String passiveHealthOfTheFailingTarget() {
        return Resilience.target(gateway, "backend", 0).path("health").path("passive").asText();
    }

    private void reload(String yaml) throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), yaml);
        assertEquals(200, gateway.reload().statusCode());
    }

    private void ejectTheFailingTarget() {
        gateway = TestGateway.start(config(RESILIENCE, ""), dir.resolve("plugins"), dir);
        // round-robin: one request to each target, and one failure ejects the first
        gateway.get("/a");
        gateway.get("/b");
        assertEquals("EJECTED", passiveHealthOfTheFailingTarget());
    }

    @Test
    void aReloadThatLeavesTheUpstreamAloneKeepsItsEjectedTargetOut() throws Exception {
        ejectTheFailingTarget();

        reload(config(RESILIENCE, "  - {id: more, match: {path: /more/**}, upstream: backend}\n"));

        assertEquals("EJECTED", passiveHealthOfTheFailingTarget());
        for (int i = 0; i < 6; i++) {
            assertEquals("working", gateway.get("/c" + i).body(), "no request goes back to the failing target");
        }
    }

    @Test
    void aReloadThatChangesTheUpstreamStartsItAfresh() throws Exception {
        ejectTheFailingTarget();

        reload(config(RESILIENCE + "read-timeout: 29s\n", ""));

        assertEquals("HEALTHY", passiveHealthOfTheFailingTarget());
    }

    @Test
    void aReloadThatFailsLeavesTheSharedUpstreamServing() throws Exception {
        ejectTheFailingTarget();

        // a plugin no jar provides: found while the new runtime is built, after it took the upstream over
        Files.writeString(dir.resolve("gateway.yaml"), config(RESILIENCE,
                "  - {id: broken, match: {path: /broken/**}, upstream: backend, plugins: [{name: nope}]}\n"));
        assertEquals(400, gateway.reload().statusCode());

        assertEquals("EJECTED", passiveHealthOfTheFailingTarget());
        assertEquals("working", gateway.get("/d").body());
    }
}
