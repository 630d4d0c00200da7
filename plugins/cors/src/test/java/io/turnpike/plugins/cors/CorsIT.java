package io.turnpike.plugins.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/cors.md, run as written through the real gateway with the packaged plugin jar,
 * in front of an upstream that sets a CORS policy of its own (which the route's must replace). Each test is
 * one of the page's "What browsers see" points.
 */
class CorsIT {

    private static final String APP = "https://app.example.com";

    @TempDir
    static Path dir;

    private static TestUpstream upstream;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        upstream = TestUpstream.replying(request -> new Reply(200,
                Map.of("Access-Control-Allow-Origin", "*", "X-Request-Id", "from-upstream"), "ok".getBytes()));
        String example = DocExamples.firstYamlBlock("plugins/cors.md").replace("http://127.0.0.1:9001", upstream.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static HttpResponse<String> preflight(String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/api/orders/7"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return TestGateway.send(request.build());
    }

    private static String field(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("none");
    }

    @Test
    void anAllowedPreflightIsAnsweredByTheGatewayWithTheRoutesPolicy() {
        int before = upstream.requestCount();

        HttpResponse<String> answer = preflight(APP, "PUT", "content-type");

        assertEquals(204, answer.statusCode());
        assertEquals(APP, field(answer, "Access-Control-Allow-Origin"));
        assertEquals("true", field(answer, "Access-Control-Allow-Credentials"));
        assertEquals("GET, POST, PUT, DELETE", field(answer, "Access-Control-Allow-Methods"));
        assertEquals("content-type", field(answer, "Access-Control-Allow-Headers"));
        assertEquals("3600", field(answer, "Access-Control-Max-Age"));
        assertEquals(List.of("Access-Control-Request-Method", "Access-Control-Request-Headers"),
                answer.headers().allValues("Vary"));
        assertEquals(before, upstream.requestCount(), "the upstream never sees a preflight");
    }

    @Test
    void theCallAfterItCarriesTheRoutesPolicyInPlaceOfTheUpstreams() {
        HttpResponse<String> answer = TestGateway.send(HttpRequest.newBuilder(gateway.uri("/api/orders/7"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Origin", APP).build());

        assertEquals(200, answer.statusCode());
        assertEquals(List.of(APP), answer.headers().allValues("Access-Control-Allow-Origin"));
        assertEquals("true", field(answer, "Access-Control-Allow-Credentials"));
        assertEquals("X-Request-Id, X-RateLimit-Remaining", field(answer, "Access-Control-Expose-Headers"));
        assertTrue(answer.headers().allValues("Vary").contains("Origin"));
    }

    @Test
    void aSubdomainOfTheWildcardOriginIsAllowedButNotTheDomainItself() {
        assertEquals(204, preflight("https://shop.example.org", "GET", null).statusCode());
        assertEquals(204, preflight("https://eu.shop.example.org", "GET", null).statusCode());
        assertEquals(403, preflight("https://example.org", "GET", null).statusCode());
    }

    @Test
    void aPreflightFromAnotherOriginOrForAMethodOrFieldNotAllowedIsRefusedSayingWhich() {
        HttpResponse<String> otherOrigin = preflight("https://evil.example.net", "GET", null);
        HttpResponse<String> otherMethod = preflight(APP, "PATCH", null);
        HttpResponse<String> otherField = preflight(APP, "PUT", "content-type, x-debug");

        assertEquals(403, otherOrigin.statusCode());
        assertEquals("application/problem+json", field(otherOrigin, "Content-Type"));
        assertTrue(otherOrigin.body().contains("https://evil.example.net"), otherOrigin.body());
        assertEquals(403, otherMethod.statusCode());
        assertTrue(otherMethod.body().contains("PATCH"), otherMethod.body());
        assertEquals(403, otherField.statusCode());
        assertTrue(otherField.body().contains("x-debug"), otherField.body());
    }

    @Test
    void aCallFromAnOriginNotAllowedReachesTheUpstreamButNoPageMayReadIt() {
        HttpResponse<String> answer = gateway.get("/api/orders/7", "Origin", "https://evil.example.net");

        assertEquals(200, answer.statusCode());
        assertEquals("none", field(answer, "Access-Control-Allow-Origin"), "the upstream's '*' is gone too");
    }

    @Test
    void aRequestWithoutOriginIsProxiedAsIfThePluginWereNotThere() {
        HttpResponse<String> answer = gateway.get("/api/orders/7");

        assertEquals(200, answer.statusCode());
        assertEquals("*", field(answer, "Access-Control-Allow-Origin"), "the upstream's own field, untouched");
    }
}
