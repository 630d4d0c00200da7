package io.turnpike.plugins.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.turnpike.server.testkit.CapturedWarnings;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.Ports;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TestUpstream.Reply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/oauth2-introspection.md through the real gateway with the packaged jar, in front of
 * a real upstream and a real introspection endpoint on loopback that knows a few tokens.
 */
class IntrospectionIT {

    private static final String SECRET = "s3cret-of-the-gateway";
    private static final String ENDPOINT = "http://127.0.0.1:9002/oauth2/introspect";

    @TempDir
    Path dir;

    @AutoClose
    private TestUpstream upstream;
    @AutoClose
    private TestUpstream server;
    @AutoClose
    private TestGateway gateway;

    /** What the server answers per token; a token it does not know is not active. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Queue<RecordedRequest> asked = new ConcurrentLinkedQueue<>();

    private static String active(String members) {
        return "{\"active\":true,\"iss\":\"https://id.example.com\",\"aud\":\"orders-api\"," + members + "}";
    }

    private static long inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).getEpochSecond();
    }

    /**
     * The server as RFC 7662 has it: records the question, checks the gateway's Basic credentials, reads the token
     * from the form and answers what {@link #answers} says of it.
     */
    private Reply answer(RecordedRequest request) {
        calls.incrementAndGet();
        asked.add(request);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("gateway:" + SECRET).getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(request.header("Authorization"))) {
            return Reply.text(401, "who are you?");
        }
        String answer = answers.getOrDefault(form(request).get("token"), "{\"active\":false}");
        return new Reply(200, Map.of("Content-Type", "application/json"), answer.getBytes(StandardCharsets.UTF_8));
    }

    /** The same server, answering only once released. */
    private Reply answerWhen(CountDownLatch released, RecordedRequest request) {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer(request);
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> fields = new ConcurrentHashMap<>();
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** The documented route before {@link #server}, or before a server answering as {@link #answer} does. */
    private void start(String... settings) {
        server = server == null ? TestUpstream.replying(this::answer) : server;
        startAt(server.url() + "/oauth2/introspect", settings);
    }

    private void startAt(String endpoint, String... settings) {
        upstream = TestUpstream.ok();
        String yaml = DocExamples.firstYamlBlock("plugins/oauth2-introspection.md")
                .replace("http://127.0.0.1:9001", upstream.url())
                .replace(ENDPOINT, endpoint);
        for (int i = 0; i < settings.length; i += 2) {
            yaml = yaml.replace(settings[i], settings[i + 1]);
        }
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()),
                dir, Map.of("INTROSPECTION_SECRET", SECRET));
    }

    private HttpResponse<String> withToken(String token) {
        return gateway.get("/orders/1", "Authorization", "Bearer " + token, "X-User-Name", "mallory");
    }

    @Test
    void anActiveTokenReachesTheUpstreamAsItsConsumerWithTheForwardedMembers() {
        answers.put("2YotnFZFEjr1zCsicMWpAA", active("\"sub\":\"alice\",\"scope\":\"orders:read orders:write\","
                + "\"username\":\"alice@example.com\",\"exp\":" + inSeconds(600)));
        start();

        HttpResponse<String> response = withToken("2YotnFZFEjr1zCsicMWpAA");

        assertEquals(200, response.statusCode(), response.body());
        RecordedRequest forwarded = upstream.takeRequest();
        assertEquals("alice", forwarded.header("X-Consumer-Name"));
        assertEquals("gold", forwarded.header("X-Consumer-Groups"));
        assertEquals("alice@example.com", forwarded.header("X-User-Name"), "the client's own X-User-Name is gone");
        assertEquals("Bearer 2YotnFZFEjr1zCsicMWpAA", forwarded.header("Authorization"));
        RecordedRequest question = asked.remove();
        assertEquals("POST", question.method());
        assertEquals("/oauth2/introspect", question.rawPath());
        assertTrue(question.header("Content-Type").startsWith("application/x-www-form-urlencoded"),
                question.header("Content-Type"));
        assertEquals(Map.of("token", "2YotnFZFEjr1zCsicMWpAA", "token_type_hint", "access_token"), form(question));
    }

    @Test
    void aRequestWithoutATokenIsAskedForOne() {
        start();

        HttpResponse<String> response = gateway.get("/orders/1");

        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(0, calls.get(), "nothing to ask the server about");
    }

    @Test
    void tokensTheServerDoesNotVouchForAsTheRouteNeedsAreInvalid() {
        answers.put("other-issuer", "{\"active\":true,\"iss\":\"https://evil.example.com\",\"aud\":\"orders-api\","
                + "\"sub\":\"alice\",\"scope\":\"orders:read\"}");
        answers.put("other-audience", active("\"sub\":\"alice\",\"scope\":\"orders:read\"").replace("orders-api", "billing"));
        answers.put("no-consumer", active("\"sub\":\"mallory\",\"scope\":\"orders:read\""));
        answers.put("expired-since", active("\"sub\":\"alice\",\"scope\":\"orders:read\",\"exp\":" + inSeconds(-5)));
        start();

        for (String token : List.of("unknown-or-revoked", "other-issuer", "other-audience", "no-consumer",
                "expired-since", "x".repeat(8193))) {
            HttpResponse<String> response = withToken(token);
            assertEquals(401, response.statusCode(), token);
            assertEquals("Bearer error=\"invalid_token\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertTrue(response.body().contains("Invalid credentials."), response.body());
        }
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void anActiveTokenWithoutTheRoutesScopeIsForbidden() {
        answers.put("reader-of-nothing", active("\"sub\":\"alice\",\"scope\":\"profile\""));
        start();

        HttpResponse<String> response = withToken("reader-of-nothing");

        assertEquals(403, response.statusCode());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"orders:read\"",
                response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(response.body().contains("The token lacks a scope this route requires."), response.body());
    }

    @Test
    void anAnswerIsUsedForTheCacheTimeThenARevocationIsSeen() {
        answers.put("soon-revoked", active("\"sub\":\"alice\",\"scope\":\"orders:read\""));
        // long enough that the second request surely finds the answer kept, even on a busy machine
        start("cache-ttl: 30s", "cache-ttl: 3s");

        assertEquals(200, withToken("soon-revoked").statusCode());
        answers.remove("soon-revoked");
        assertEquals(200, withToken("soon-revoked").statusCode(), "the kept answer");
        assertEquals(1, calls.get());

        Eventually.await("the revocation is seen once the answer is three seconds old",
                () -> withToken("soon-revoked").statusCode() == 401);
        assertEquals(2, calls.get(), "one call per token and cache time");
    }

    @Test
    void anAnswerIsNeverUsedPastTheTokensExpiry() {
        // exp is in whole seconds: two from now leave at least one, for the first request
        answers.put("short-lived", active("\"sub\":\"alice\",\"scope\":\"orders:read\",\"exp\":" + inSeconds(2)));
        start();

        assertEquals(200, withToken("short-lived").statusCode());
        Eventually.await("refused once the token has expired, though cache-ttl is 30s",
                () -> withToken("short-lived").statusCode() == 401);
    }

    @Test
    void requestsWithTheSameTokenWaitForOneCall() throws Exception {
        answers.put("popular", active("\"sub\":\"alice\",\"scope\":\"orders:read\""));
        CountDownLatch release = new CountDownLatch(1);
        server = TestUpstream.replying(request -> answerWhen(release, request));
        start("routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:");

        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                responses.add(clients.submit(() -> withToken("popular")));
            }
            // the server holds the first call until all six requests are in the gateway
            Eventually.await("all six requests are in the gateway while the first call is under way",
                    () -> gateway.metricSum("http_server_active_requests", "") == 6 && server.requestCount() == 1);
            release.countDown();
            for (Future<HttpResponse<String>> response : responses) {
                assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
            }
        }
        assertEquals(1, calls.get());
        assertEquals(1, gateway.metricSum("turnpike_plugin_oauth2_introspection_endpoint_calls_total",
                "turnpike_route=\"orders\""), "the other five answered by the call under way, as the cache would");
    }

    @Test
    void aServerThatRefusesTheGatewaysCredentialsIsUnavailableAndWarnedOfOnce() {
        try (CapturedWarnings warnings = CapturedWarnings.of("io.turnpike.plugin.oauth2-introspection")) {
            start("client-id: gateway", "client-id: someone-else");

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = withToken("any");
                assertEquals(503, response.statusCode());
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
                assertTrue(response.body().contains("The token introspection service is unavailable."), response.body());
            }

            assertEquals(3, calls.get(), "failed calls are not cached");
            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
            assertTrue(warnings.messages().getFirst().contains("it answered 401"), warnings.messages().getFirst());
            assertEquals(0, upstream.requestCount());
        }
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        startAt(Ports.refusingUrl() + "/oauth2/introspect");

        assertEquals(503, withToken("any").statusCode());
    }

    @Test
    void anAnswerThatIsNoIntrospectionAnswerIsUnavailable() {
        server = TestUpstream.replying(request -> Reply.text(200, "<html>login</html>"));
        start();

        assertEquals(503, withToken("any").statusCode());
    }

    @Test
    void aServerSlowerThanTheTimeoutIsAnswered504() {
        CountDownLatch release = new CountDownLatch(1);
        server = TestUpstream.replying(request -> answerWhen(release, request));
        try {
            start("cache-ttl: 30s", "cache-ttl: 30s\n          timeout: 300ms");

            HttpResponse<String> response = withToken("any");

            assertEquals(504, response.statusCode());
            assertTrue(response.body().contains("The token introspection service did not answer in time."),
                    response.body());
            assertNull(response.headers().firstValue("WWW-Authenticate").orElse(null));
        } finally {
            release.countDown();
        }
    }
}
