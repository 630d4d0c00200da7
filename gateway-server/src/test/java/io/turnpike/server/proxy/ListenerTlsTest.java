package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;

import io.turnpike.server.testkit.OrdersRoute;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.tls}: the proxy listener speaks HTTPS with the configured certificate, asks for client
 * certificates with a client CA, and takes up a renewed certificate on reload. The fixtures are those of
 * {@code src/test/resources/tls} (see its README), copied next to the config file, as an operator's would be.
 */
class ListenerTlsTest {

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private TestGateway gateway;

    @BeforeEach
    void fixtures() throws Exception {
        upstream = TestUpstream.ok();
        TlsClients.copyFixtures(dir);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private void start(String tls) {
        gateway = TestGateway.start("server:\n  tls: " + tls + "\n" + OrdersRoute.yaml(upstream.url()),
                dir.resolve("plugins"), dir);
    }

    private URI https(String path) {
        return URI.create("https://127.0.0.1:" + gateway.port() + path);
    }

    private HttpClient client(String certificate) throws Exception {
        return TlsClients.trusting(dir, certificate).build();
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String presented(HttpResponse<?> response) throws Exception {
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
    }

    @Test
    void theListenerSpeaksHttpsWithTheConfiguredCertificateAndTellsTheUpstream() throws Exception {
        start("{cert-file: server.pem, key-file: server.key}");

        HttpResponse<String> response = get(client(null), https("/orders/7"));

        assertEquals(200, response.statusCode());
        assertEquals("CN=localhost", presented(response));
        assertEquals("https", upstream.takeRequest().header("X-Forwarded-Proto"));
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoAnswer() {
        start("{cert-file: server.pem, key-file: server.key}");

        assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + gateway.port() + "/orders/7")));
    }

    @Test
    void withAClientCaOnlyClientsWithACertificateItSignedConnect() throws Exception {
        start("{cert-file: server.pem, key-file: server.key, client-ca-file: ca.pem}");

        assertThrows(IOException.class, () -> get(client(null), https("/orders/7")));
        assertEquals(200, get(client("gateway-client"), https("/orders/7")).statusCode());
    }

    @Test
    void aReloadServesARenewedCertificateToNewConnections() throws Exception {
        start("{cert-file: server.pem, key-file: server.key}");
        assertEquals("CN=localhost", presented(get(client(null), https("/orders/7"))));

        Files.copy(dir.resolve("renewed.pem"), dir.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("renewed.key"), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        HttpResponse<String> reloaded = gateway.reload();

        assertEquals(200, reloaded.statusCode(), reloaded.body());
        assertEquals("CN=turnpike-renewed", presented(get(client(null), https("/orders/7"))));
    }

    @Test
    void aCertificateFileThatCannotBeReadStopsTheStartNamingTheKey() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> start("{cert-file: missing.pem, key-file: server.key}"));

        assertTrue(refused.getMessage().contains("server.tls.cert-file: cannot read"), refused.getMessage());
    }

    @Test
    void theAdminListenerSpeaksHttpsWithItsOwnCertificate() throws Exception {
        gateway = TestGateway.start("admin: {tls: {cert-file: renewed.pem, key-file: renewed.key}}\n"
                + OrdersRoute.yaml(upstream.url()), dir.resolve("plugins"), dir);

        HttpResponse<String> health = get(client(null),
                URI.create("https://127.0.0.1:" + gateway.gateway().adminPort() + "/health"));

        assertEquals(200, health.statusCode());
        assertEquals("CN=turnpike-renewed", presented(health));
        assertEquals(200, gateway.get("/orders/1").statusCode(), "the proxy port stays plain HTTP");
    }
}
