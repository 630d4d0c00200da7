package io.turnpike.plugins.iprestriction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/ip-restriction.md, run as written through the real gateway with the packaged
 * plugin jar: the test client is the trusted load balancer on 127.0.0.1 and names clients in X-Forwarded-For.
 * Each test is one row of the page's table.
 */
class IpRestrictionIT {

    @TempDir
    static Path dir;

    private static TestUpstream upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = TestUpstream.ok();
        String example = DocExamples.firstYamlBlock("plugins/ip-restriction.md").replace("http://127.0.0.1:9001", upstream.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static int statusFor(String client) {
        return gateway.get("/admin/", "X-Forwarded-For", client).statusCode();
    }

    @Test
    void aClientInAnAllowedIpv4RangePasses() {
        assertEquals(200, statusFor("10.1.2.3"));
    }

    @Test
    void aClientInAnAllowedIpv6RangePasses() {
        assertEquals(200, statusFor("2001:db8::5"));
    }

    @Test
    void aDeniedRangeInsideAnAllowedOneIsRefused() {
        assertEquals(403, statusFor("10.0.13.7"));
    }

    @Test
    void aClientInNoAllowedRangeIsRefused() {
        assertEquals(403, statusFor("203.0.113.7"));
    }

    @Test
    void theLoadBalancerItselfIsInNoAllowedRange() {
        var response = gateway.get("/admin/");

        assertEquals(403, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void onlyTheHopTheTrustedProxyAddedCountsNotWhatTheClientClaimedBeforeIt() {
        assertEquals(403, statusFor("10.1.2.3, 203.0.113.7"));
    }
}
