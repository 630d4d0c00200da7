package io.turnpike.plugins.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas across {@code POST /reload} through the real gateway: a reload that leaves a route's limits alone
 * leaves its clients' counts alone; one that changes them starts the route afresh.
 */
class RateLimitReloadIT {

    private static final String OTHER_ROUTE = """
              - id: other
                match: {path: /other/**}
                upstream: api
            """;

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
        gateway = TestGateway.start(config("{hour: 3, by: ip}", ""),
                PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()), dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private String config(String rateLimit, String moreRoutes) {
        return ApiRoute.yaml(upstream.url(), rateLimit) + moreRoutes;
    }

    private void reload(String yaml) throws Exception {
        Files.writeString(dir.resolve("gateway.yaml"), yaml);
        HttpResponse<String> reloaded = TestGateway.send(HttpRequest.newBuilder(gateway.adminUri("/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, reloaded.statusCode(), reloaded.body());
    }

    private void spendTheQuota() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, gateway.get("/api/a").statusCode(), "request " + (i + 1));
        }
    }

    @Test
    void aSpentQuotaStaysSpentAcrossAReloadThatLeavesTheRouteAlone() throws Exception {
        spendTheQuota();

        reload(config("{hour: 3, by: ip}", OTHER_ROUTE));
        reload(config("{hour: 3, by: ip, legacy-headers: true}", OTHER_ROUTE));

        assertEquals(200, gateway.get("/other/a").statusCode(), "the reload took effect");
        HttpResponse<String> refused = gateway.get("/api/a");
        assertEquals(429, refused.statusCode());
        assertEquals("0", refused.headers().firstValue("X-RateLimit-Remaining-Hour").orElseThrow());
        assertEquals(4, upstream.requestCount(), "three on /api, one on /other");
    }

    @Test
    void changedLimitsStartTheRouteWithAFreshQuota() throws Exception {
        spendTheQuota();

        reload(config("{hour: 5, by: ip}", ""));

        HttpResponse<String> fresh = gateway.get("/api/a");
        assertEquals(200, fresh.statusCode());
        assertEquals("4", fresh.headers().firstValue("RateLimit-Remaining").orElseThrow());
    }
}
