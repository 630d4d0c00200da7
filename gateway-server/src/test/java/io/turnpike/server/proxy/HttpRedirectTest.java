package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.turnpike.server.config.ConfigException;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.OrdersRoute;
import io.turnpike.server.testkit.RawHttp;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.http-redirect}: a plain-HTTP listener beside the HTTPS one that sends every client to the same URL
 * over HTTPS, and the example of docs/configuration.md.
 */
class HttpRedirectTest {

    @TempDir
    Path dir;

    @AutoClose
    private final TestUpstream upstream = TestUpstream.ok();
    @AutoClose
    private TestGateway gateway;

    @BeforeEach
    void fixtures() throws Exception {
        TlsClients.copyFixtures(dir);
    }

    private void start(String server) {
        gateway = TestGateway.start("server: " + server + "\n" + OrdersRoute.yaml(upstream.url()),
                dir.resolve("plugins"), dir);
    }

    private int redirectPort() {
        return gateway.gateway().redirectPort().orElseThrow();
    }

    /** A GET of the plain-HTTP listener, its redirect not followed. */
    private HttpResponse<String> plainGet(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + redirectPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDocumentedListenerSendsEveryRequestToTheSameUrlOverHttps() throws Exception {
        String example = DocExamples.yamlBlockContaining("configuration.md", "http-redirect:");
        gateway = TestGateway.start(example.replace("http://127.0.0.1:9001", upstream.url()), dir.resolve("plugins"),
                dir);

        HttpResponse<String> answer = plainGet("/orders/7?expand=items");

        assertEquals(308, answer.statusCode());
        assertEquals("https://127.0.0.1:" + gateway.port() + "/orders/7?expand=items",
                answer.headers().firstValue("Location").orElseThrow(), "the host asked for, on the HTTPS port");
        assertEquals(0, upstream.requestCount(), "a redirect never reaches a route");
    }

    @Test
    void anotherStatusCanBeChosen() throws Exception {
        start("{tls: {cert-file: server.pem, key-file: server.key}, http-redirect: {port: 0, status: 301}}");

        assertEquals(301, plainGet("/orders/7").statusCode());
    }

    @Test
    void aRequestWithoutAUsableHostIsRefused() {
        start("{tls: {cert-file: server.pem, key-file: server.key}, http-redirect: {port: 0}}");

        assertEquals(400, RawHttp.status(redirectPort(), "GET /orders HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n"),
                "an empty host");
        assertEquals(400, RawHttp.status(redirectPort(), "GET /orders HTTP/1.1\r\nConnection: close\r\n\r\n"),
                "no host at all");
    }

    @Test
    void everyMistakeIsNamedAtItsKey() {
        assertEquals(List.of("server.http-redirect: redirects to the HTTPS listener, and server has no tls; add"
                        + " server.tls or leave http-redirect out"),
                assertThrows(ConfigException.class, () -> start("{http-redirect: {port: 0}}")).errors());
        assertEquals(List.of("server.http-redirect.status: must be 301, 302, 303, 307 or 308, got 200"),
                assertThrows(ConfigException.class, () -> start("{tls: {cert-file: server.pem, key-file: server.key},"
                        + " http-redirect: {port: 0, status: 200}}")).errors());
        assertEquals(List.of("server.http-redirect.port: is server.port too; give the plain-HTTP listener a port of"
                        + " its own, such as 80"),
                assertThrows(ConfigException.class, () -> start("{port: 8443, tls: {cert-file: server.pem, key-file:"
                        + " server.key}, http-redirect: {port: 8443}}")).errors());
    }
}
