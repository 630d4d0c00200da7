package io.turnpike.plugins.forwardauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.turnpike.plugins.support.TrustedCertificates;
import io.turnpike.server.testkit.CapturedWarnings;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.Ports;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import io.turnpike.server.testkit.TestUpstream.Reply;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/forward-auth.md through the real gateway with the packaged jar, in front of a real
 * upstream and a real authorization service on loopback: the assertions are the page's prose and tables.
 */
class ForwardAuthIT {

    private static final String SERVICE_URL = "http://127.0.0.1:9002/verify";

    @TempDir
    Path dir;

    @AutoClose
    private TestUpstream upstream;
    @AutoClose
    private TestUpstream service;
    private HttpsServer httpsService;
    @AutoClose
    private TestGateway gateway;
    private int starts;

    @AfterEach
    void stopHttpsService() {
        if (httpsService != null) {
            httpsService.stop(0);
        }
    }

    private static String example() {
        return DocExamples.firstYamlBlock("plugins/forward-auth.md");
    }

    /** The documented route before the given service, with the given settings changed. */
    private void start(String serviceUrl, String... settings) {
        String yaml = example().replace("http://127.0.0.1:9001", upstream.url()).replace(SERVICE_URL, serviceUrl);
        for (int i = 0; i < settings.length; i += 2) {
            yaml = yaml.replace(settings[i], settings[i + 1]);
        }
        startWith(yaml, PluginJars.pluginUnderTest());
    }

    /** A plugins folder per start, for the tests that start a second gateway. */
    private void startWith(String yaml, Path... jars) {
        gateway = TestGateway.start(yaml, PluginJars.folderWith(dir.resolve("plugins-" + starts++), jars), dir);
    }

    private static Reply reply(int status, String body, String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAllowedRequestReachesTheUpstreamWithTheServicesFieldsAndItsBody() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> reply(200, "", "X-User-Id", "42", "X-User-Roles", "admin",
                "X-Session-Note", "for the service's eyes", "Set-Cookie", "session=refreshed; HttpOnly"));
        start(service.url() + "/verify");
        byte[] body = "{\"item\":\"widget\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = gateway.post("/api/orders?dry=1", body, "Authorization", "Bearer t0ken",
                "Cookie", "session=abc", "X-Tenant", "acme", "Content-Type", "application/json");

        assertEquals(200, response.statusCode());
        assertEquals("hello from upstream", response.body());
        assertEquals("session=refreshed; HttpOnly", response.headers().firstValue("Set-Cookie").orElseThrow(),
                "the service's refreshed session reaches the client (response-headers)");
        assertTrue(response.headers().firstValue("X-Session-Note").isEmpty());
        RecordedRequest asked = service.takeRequest();
        assertEquals("GET", asked.method());
        assertEquals("/verify", asked.rawPath());
        assertEquals(0, asked.body().length);
        assertEquals("Bearer t0ken", asked.header("Authorization"));
        assertEquals("session=abc", asked.header("Cookie"));
        assertNull(asked.header("X-Tenant"), "only the request-headers listed go to the service");
        assertEquals("POST", asked.header("X-Forwarded-Method"));
        assertEquals("http", asked.header("X-Forwarded-Proto"));
        assertEquals("127.0.0.1:" + gateway.port(), asked.header("X-Forwarded-Host"));
        assertEquals("/api/orders?dry=1", asked.header("X-Forwarded-Uri"));
        assertEquals("127.0.0.1", asked.header("X-Forwarded-For"));
        assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), asked.header("X-Request-Id"));

        RecordedRequest forwarded = upstream.takeRequest();
        assertEquals("42", forwarded.header("X-User-Id"));
        assertEquals("admin", forwarded.header("X-User-Roles"));
        assertNull(forwarded.header("X-Session-Note"), "only the upstream-headers listed go to the upstream");
        assertEquals("acme", forwarded.header("X-Tenant"));
        assertArrayEquals(body, forwarded.body());
    }

    @Test
    void theClientsOwnCopiesOfTheTrustedFieldsNeverReachTheServiceOrTheUpstream() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> reply(204, ""));
        start(service.url() + "/verify", "request-headers: [Authorization, Cookie]",
                "request-headers: [Authorization, X-Forwarded-Uri, X-User-Id]");

        HttpResponse<String> response = gateway.get("/api/orders/7", "X-User-Id", "1", "X-Forwarded-Uri", "/admin");

        assertEquals(200, response.statusCode());
        assertEquals("/api/orders/7", service.takeRequest().header("X-Forwarded-Uri"));
        assertNull(upstream.takeRequest().header("X-User-Id"),
                "removed, though the service's answer had none to put in its place");
    }

    @Test
    void aRefusalGoesBackToTheClientAsTheServiceGaveItAndTheUpstreamIsNotCalledAndIsCounted() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> reply(401, "{\"error\":\"token expired\"}",
                "Content-Type", "application/json", "WWW-Authenticate", "Bearer error=\"invalid_token\"",
                "X-Policy-Trace", "rule 7"));
        start(service.url() + "/verify", "routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:");

        HttpResponse<String> response = gateway.post("/api/orders", new byte[] {1, 2, 3}, "Authorization", "Bearer old");

        assertEquals(401, response.statusCode());
        assertEquals("{\"error\":\"token expired\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow(),
                "a body's Content-Type goes with it, though client-headers does not list it");
        assertEquals("Bearer error=\"invalid_token\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(response.headers().firstValue("X-Policy-Trace").isEmpty(), "only the client-headers listed");
        assertEquals(0, upstream.requestCount());
        assertEquals(1, gateway.metricSum("turnpike_plugin_forward_auth_refused_total", "turnpike_route=\"orders\""));
    }

    @Test
    void aRedirectToLogInReachesTheClientWithItsCookie() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> reply(302, "", "Location", "https://login.example.com/?rd="
                + asked.header("X-Forwarded-Uri"), "Set-Cookie", "csrf=xyz; HttpOnly"));
        start(service.url() + "/verify");

        HttpResponse<String> response = gateway.get("/api/orders/7");

        assertEquals(302, response.statusCode());
        assertEquals("https://login.example.com/?rd=/api/orders/7",
                response.headers().firstValue("Location").orElseThrow());
        assertEquals("csrf=xyz; HttpOnly", response.headers().firstValue("Set-Cookie").orElseThrow());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void withoutClientHeadersEveryFieldOfTheRefusalButTheConnectionsReachesTheClient() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> reply(403, "no", "Content-Type", "text/plain",
                "X-Policy-Trace", "rule 7"));
        start(service.url() + "/verify", "          client-headers: [WWW-Authenticate, Location, Set-Cookie]\n", "");

        HttpResponse<String> response = gateway.get("/api/orders/7");

        assertEquals(403, response.statusCode());
        assertEquals("rule 7", response.headers().firstValue("X-Policy-Trace").orElseThrow());
        assertEquals("no", response.body());
    }

    @Test
    void aFailingServiceIsAnswered503AndWarnedOfOnce() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> reply(500, "<h1>stack trace</h1>", "Content-Type", "text/html"));
        try (CapturedWarnings warnings = CapturedWarnings.of("io.turnpike.plugin.forward-auth")) {
            start(service.url() + "/verify", "routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:");

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = gateway.get("/api/orders/7");
                assertEquals(503, response.statusCode());
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
                assertTrue(response.body().contains("The authorization service is unavailable."), response.body());
            }

            assertEquals(1, warnings.messages().size(), warnings.messages().toString());
            assertTrue(warnings.messages().getFirst().contains("it answered 500"), warnings.messages().getFirst());
            assertEquals(0, upstream.requestCount());
            assertEquals(3, gateway.metricSum("turnpike_plugin_forward_auth_service_failures_total",
                    "turnpike_route=\"orders\""));
        }
    }

    @Test
    void anUnreachableServiceIsAnswered503() {
        upstream = TestUpstream.ok();
        start(Ports.refusingUrl() + "/verify");

        HttpResponse<String> response = gateway.get("/api/orders/7");

        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("The authorization service is unavailable."), response.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aServiceSlowerThanTheTimeoutIsAnswered504() throws Exception {
        upstream = TestUpstream.ok();
        CountDownLatch release = new CountDownLatch(1);
        service = TestUpstream.handling(exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        try {
            start(service.url() + "/verify", "timeout: 2s", "timeout: 300ms");

            HttpResponse<String> response = gateway.get("/api/orders/7");

            assertEquals(504, response.statusCode());
            assertTrue(response.body().contains("The authorization service did not answer in time."), response.body());
            assertEquals(0, upstream.requestCount());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRefusalLargerThan64KiBIsAnswered502() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> reply(403, "x".repeat(64 * 1024 + 1), "Content-Type", "text/plain"));
        start(service.url() + "/verify");

        HttpResponse<String> response = gateway.get("/api/orders/7");

        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("cannot pass on"), response.body());
    }

    @Test
    void noMoreThanMaxConcurrentCallsAreInFlightAndTheOthersWaitTheirTurn() throws Exception {
        upstream = TestUpstream.ok();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        service = TestUpstream.handling(exchange -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        start(service.url() + "/verify", "timeout: 2s", "timeout: 10s\n          max-concurrent: 2",
                "routes:", "telemetry: {prometheus: {enabled: true}}\nroutes:");

        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> gateway.get("/api/orders/7")));
            }
            // the service holds every call it gets, so the other requests pile up behind the two it holds
            Eventually.await("all eight requests are in the gateway, two of them at the service",
                    () -> gateway.metricSum("http_server_active_requests", "") == 8 && service.requestCount() == 2);
            release.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertEquals(200, answer.get(30, TimeUnit.SECONDS).statusCode());
            }
        }
        assertEquals(8, service.requestCount());
        assertEquals(2, most.get(), "the service never had more than max-concurrent calls at once");
    }

    @Test
    void theConsumerOfTheRoutesAuthenticationIsToldToTheService() {
        upstream = TestUpstream.ok();
        service = TestUpstream.replying(asked -> "alice".equals(asked.header("X-Consumer-Name"))
                ? reply(200, "") : reply(403, "not you"));
        String yaml = example().replace("http://127.0.0.1:9001", upstream.url())
                .replace(SERVICE_URL, service.url() + "/verify")
                .replace("          request-headers: [Authorization, Cookie]\n", "")
                .replace("routes:", """
                        consumers:
                          - name: alice
                            credentials:
                              key-auth: [{key: alice-key-0123456789}]
                          - name: bob
                            credentials:
                              key-auth: [{key: bob-key-9876543210}]
                        routes:""")
                .replace("      - name: forward-auth", "      - name: key-auth\n      - name: forward-auth");
        startWith(yaml, PluginJars.pluginUnderTest(), PluginJars.sibling("key-auth"));

        HttpResponse<String> alice = gateway.get("/api/orders/7", "X-API-Key", "alice-key-0123456789");
        HttpResponse<String> bob = gateway.get("/api/orders/7", "X-API-Key", "bob-key-9876543210");
        HttpResponse<String> nobody = gateway.get("/api/orders/7");

        assertEquals(200, alice.statusCode());
        assertEquals(403, bob.statusCode());
        assertEquals("not you", bob.body());
        assertEquals(401, nobody.statusCode(), "refused by key-auth, before the service is asked");
        assertEquals(2, service.requestCount());
    }

    @Test
    void anHttpsServiceIsTrustedThroughTheCaFileAndOnlyThen() throws Exception {
        upstream = TestUpstream.ok();
        TlsClients.copyFixtures(dir);
        httpsService = httpsService(exchange -> {
            exchange.getResponseHeaders().add("X-User-Id", "7");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        String url = "https://127.0.0.1:" + httpsService.getAddress().getPort() + "/verify";

        start(url, "timeout: 2s", "timeout: 2s\n          tls:\n            ca-file: ca.pem");
        assertEquals(200, gateway.get("/api/orders/7").statusCode());
        assertEquals("7", upstream.takeRequest().header("X-User-Id"));
        gateway.close();

        start(url);
        assertEquals(503, gateway.get("/api/orders/7").statusCode(),
                "without the ca-file, the JVM's trust store does not know the test CA");
    }

    @Test
    void aServiceThatAsksForAClientCertificateGetsTheGatewaysFromCertFileAndKeyFile() throws Exception {
        upstream = TestUpstream.ok();
        TlsClients.copyFixtures(dir);
        httpsService = httpsService(exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }, true);
        String url = "https://127.0.0.1:" + httpsService.getAddress().getPort() + "/verify";

        start(url, "timeout: 2s", "timeout: 2s\n          tls:\n            ca-file: ca.pem\n"
                + "            cert-file: gateway-client.pem\n            key-file: gateway-client.key");
        assertEquals(200, gateway.get("/api/orders/7").statusCode());
        gateway.close();

        start(url, "timeout: 2s", "timeout: 2s\n          tls:\n            ca-file: ca.pem");
        assertEquals(503, gateway.get("/api/orders/7").statusCode(), "no certificate, no handshake");
    }

    private HttpsServer httpsService(HttpHandler handler) throws Exception {
        return httpsService(handler, false);
    }

    /**
     * The JDK's HTTPS server with the fixtures' certificate for 127.0.0.1, signed by their CA; with
     * {@code clientCertificates}, it also asks each client for a certificate that CA signed, and refuses one without.
     */
    private HttpsServer httpsService(HttpHandler handler, boolean clientCertificates) throws Exception {
        Keys keys = Keys.builder().pem(pem -> pem
                .key(Resource.create(dir.resolve("upstream.key")))
                .certChain(Resource.create(dir.resolve("upstream.pem")))).build();
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("service", keys.privateKey().orElseThrow(), new char[0],
                keys.certChain().toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(),
                clientCertificates ? TrustedCertificates.trustManagers(dir.resolve("ca.pem")) : null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(clientCertificates);
                parameters.setSSLParameters(ssl);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", handler);
        server.start();
        return server;
    }
}
