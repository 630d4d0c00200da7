package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rate-limit under {@code plugins.global}, through the real gateway with the packaged jar: the example of
 * docs/configuration.md's "Plugins on every route", its limits made small enough to reach.
 */
class GlobalRateLimitIT {

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream upstream = TestUpstream.ok();
    @AutoClose
    private TestGateway gateway;

    private void start(String... replacements) {
        String yaml = DocExamples.yamlBlockContaining("configuration.md", "global:")
                .replace("http://127.0.0.1:9001", upstream.url());
        for (int i = 0; i < replacements.length; i += 2) {
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    private int status(String path) {
        return gateway.get(path).statusCode();
    }

    @Test
    void theGlobalLimitIsEachClientsQuotaAcrossEveryRouteThatRunsIt() {
        // a second route that runs the global entry, beside the example's orders
        start("{minute: 600, by: ip}", "{minute: 3, by: ip}",
                "  - id: search", "  - id: carts\n    match: {path: /carts/**}\n    upstream: orders\n  - id: search");

        assertEquals(200, status("/orders/1"));
        assertEquals(200, status("/carts/1"));
        assertEquals(200, status("/orders/2"));
        assertEquals(429, status("/carts/2"), "the fourth request of the minute, whichever route it takes");
        assertEquals(429, status("/orders/3"));
    }

    @Test
    void aRoutesOwnEntryReplacesTheGlobalLimitThere() {
        start("{minute: 600, by: ip}", "{minute: 3, by: ip}", "{minute: 60, by: ip}", "{minute: 1, by: ip}");

        assertEquals(200, status("/search/a"));
        assertEquals(429, status("/search/b"), "the route's own limit of one");
        assertEquals(200, status("/orders/1"), "its requests count against its own limit, not the global one");
    }

    @Test
    void aRouteThatTurnsTheGlobalPluginOffIsNotLimited() {
        start("{minute: 600, by: ip}", "{minute: 1, by: ip}");

        assertEquals(200, status("/orders/1"));
        assertEquals(429, status("/orders/2"));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, status("/health"));
        }
        assertEquals("1", gateway.get("/orders/3").headers().firstValue("RateLimit-Limit").orElseThrow(),
                "the global limit still holds elsewhere");
    }
}
