package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes[].split} through the real gateway, in front of two real upstreams: the example of
 * docs/configuration.md's "Splitting traffic", and how each kind of split decides.
 */
class TrafficSplitTest {

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream stable = TestUpstream.replying(request -> TestUpstream.Reply.text(200, "stable"));
    @AutoClose
    private final TestUpstream next = TestUpstream.replying(request -> TestUpstream.Reply.text(200, "next"));
    @AutoClose
    private TestGateway gateway;

    private void start(String split) {
        gateway = TestGateway.start("""
                upstreams:
                  orders: {targets: [{url: "%s"}]}
                  orders-next: {targets: [{url: "%s"}]}
                routes:
                  - id: orders
                    match: {path: /orders/**}
                    upstream: orders
                    split:
                %s
                """.formatted(stable.url(), next.url(), split.indent(6)), dir.resolve("plugins"), dir);
    }

    /** Which upstream answered each of a number of requests, by its answer. */
    private Map<String, Integer> answers(int requests, String... headers) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = gateway.get("/orders/" + i, headers);
            assertEquals(200, response.statusCode());
            seen.merge(response.body(), 1, Integer::sum);
        }
        return seen;
    }

    @Test
    void theDocumentedCanarySendsItsTestersAndAShareOfTheRestToTheNewVersion() {
        String example = DocExamples.yamlBlockContaining("configuration.md", "split:");
        gateway = TestGateway.start(example.replace("http://10.0.0.7:8080", stable.url())
                .replace("http://10.0.0.9:8080", next.url()), dir.resolve("plugins"), dir);

        assertEquals(Map.of("next", 10), answers(10, "X-Canary", "always"), "testers always reach it");
        // by: ip, and every request of this test comes from 127.0.0.1: the address's point decides them all
        String side = SplitUpstream.point("127.0.0.1") < 10 ? "next" : "stable";
        assertEquals(Map.of(side, 20), answers(20));
        assertTrue(gateway.adminGet("/routes").body().contains("\"split\":{\"by\":\"ip\",\"to\":[{\"upstream\":"
                + "\"orders-next\",\"weight\":100,\"headers\":{\"X-Canary\":\"always\"}},{\"upstream\":\"orders-next\","
                + "\"weight\":10}]}"), "the admin port shows the split");
    }

    @Test
    void aWeightOf100TakesEveryRequestAndOf0None() {
        start("to: [{upstream: orders-next, weight: 100}]");
        assertEquals(Map.of("next", 5), answers(5));
        gateway.close();

        start("to: [{upstream: orders-next, weight: 0}]");
        assertEquals(Map.of("stable", 5), answers(5));
    }

    @Test
    void pointsSpreadEvenlyOverTheRange() {
        int[] tenths = new int[10];
        for (int i = 0; i < 10_000; i++) {
            tenths[(int) (SplitUpstream.point("10.0." + (i / 256) + "." + (i % 256)) / 10)]++;
        }
        for (int tenth : tenths) {
            assertTrue(tenth > 850 && tenth < 1150, "a tenth of the addresses in each tenth: " + Arrays.toString(tenths));
        }
    }

    @Test
    void aRandomSplitSpreadsOneClientsRequests() {
        start("to: [{upstream: orders-next, weight: 50}]");

        assertEquals(2, answers(100).size(), "both upstreams answer one client");
    }

    @Test
    void aSplitByHeaderKeepsEachValueOnOneUpstream() {
        start("""
                by: header
                header: X-User-Id
                to: [{upstream: orders-next, weight: 50}]""");

        Map<String, Integer> byUser = new HashMap<>();
        for (int user = 0; user < 40; user++) {
            Map<String, Integer> seen = answers(5, "X-User-Id", "user-" + user);
            assertEquals(1, seen.size(), "user-" + user + " stays on one upstream: " + seen);
            byUser.merge(seen.keySet().iterator().next(), 1, Integer::sum);
        }
        assertEquals(2, byUser.size(), "the users are spread over both: " + byUser);
    }

    @Test
    void aSplitByCookieKeepsEachSessionOnOneUpstream() {
        start("""
                by: cookie
                cookie: SESSION
                to: [{upstream: orders-next, weight: 50}]""");

        Map<String, Integer> bySession = new HashMap<>();
        for (int session = 0; session < 40; session++) {
            Map<String, Integer> seen = answers(5, "Cookie", "theme=dark; SESSION=s" + session);
            assertEquals(1, seen.size(), "session s" + session + " stays on one upstream: " + seen);
            bySession.merge(seen.keySet().iterator().next(), 1, Integer::sum);
        }
        assertEquals(2, bySession.size(), "the sessions are spread over both: " + bySession);
    }

    @Test
    void aSplitByQueryParameterKeepsEachTenantOnOneUpstream() {
        start("""
                by: query
                query: tenant
                to: [{upstream: orders-next, weight: 50}]""");

        Map<String, Integer> byTenant = new HashMap<>();
        for (int tenant = 0; tenant < 40; tenant++) {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = gateway.get("/orders/" + i + "?page=" + i + "&tenant=t" + tenant);
                assertEquals(200, response.statusCode());
                seen.merge(response.body(), 1, Integer::sum);
            }
            assertEquals(1, seen.size(), "tenant t" + tenant + " stays on one upstream: " + seen);
            byTenant.merge(seen.keySet().iterator().next(), 1, Integer::sum);
        }
        assertEquals(2, byTenant.size(), "the tenants are spread over both: " + byTenant);
    }

    @Test
    void aSplitByIpKeepsTheClientOnOneUpstream() {
        start("""
                by: ip
                to: [{upstream: orders-next, weight: 50}]""");

        assertEquals(1, answers(20).size());
    }
}
