package io.turnpike.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.webserver.WebServer;
import io.turnpike.server.config.ConfigException;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.Eventually;
import io.turnpike.server.testkit.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to upstreams ({@code upstreams.*.tls}): the CA file is the only trust, the target's name is checked
 * against its certificate, and the client certificate is presented to an upstream that asks for one. The
 * upstreams are real Helidon servers on loopback, with the certificates of {@code src/test/resources/tls}.
 */
class UpstreamTlsTest {

    private static final String FILES = "ca.pem other-ca.pem upstream.pem upstream.key elsewhere.pem elsewhere.key "
            + "gateway-client.pem gateway-client.key";

    @TempDir
    Path dir;

    /** The files sit beside the config, which names them by relative paths. */
    @BeforeEach
    void copyCertificates() throws IOException {
        for (String name : FILES.split(" ")) {
            try (InputStream in = UpstreamTlsTest.class.getResourceAsStream("/tls/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    @Test
    void targetWhoseCertificateTheCaFileSignsIsReached() {
        try (HttpsUpstream upstream = HttpsUpstream.start("upstream", TlsClientAuth.NONE);
             TestGateway gateway = start("tls: {ca-file: ca.pem}", upstream.url("127.0.0.1"))) {
            var response = gateway.get("/orders");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("secure /orders, client certificate: none", response.body());
        }
    }

    @Test
    void withoutACaFileThePrivateCaIsNotTrusted() {
        // the JVM's trust store decides, and it does not hold the test CA
        try (HttpsUpstream upstream = HttpsUpstream.start("upstream", TlsClientAuth.NONE);
             TestGateway gateway = start("", upstream.url("127.0.0.1"))) {
            assertEquals(502, gateway.get("/orders").statusCode());
        }
    }

    @Test
    void caFileThatDidNotSignTheTargetsCertificateIsRefused() {
        try (HttpsUpstream upstream = HttpsUpstream.start("upstream", TlsClientAuth.NONE);
             TestGateway gateway = start("tls: {ca-file: other-ca.pem}", upstream.url("127.0.0.1"))) {
            assertEquals(502, gateway.get("/orders").statusCode());
        }
    }

    @Test
    void certificateForAnotherNameIsRefusedThoughTheCaSignedIt() {
        try (HttpsUpstream upstream = HttpsUpstream.start("elsewhere", TlsClientAuth.NONE);
             TestGateway gateway = start("tls: {ca-file: ca.pem}", upstream.url("127.0.0.1"))) {
            assertEquals(502, gateway.get("/orders").statusCode());
        }
    }

    @Test
    void clientCertificateIsPresentedToAnUpstreamThatRequiresOne() {
        try (HttpsUpstream upstream = HttpsUpstream.start("upstream", TlsClientAuth.REQUIRED);
             TestGateway gateway = start("""
                     tls:
                       ca-file: ca.pem
                       cert-file: gateway-client.pem
                       key-file: gateway-client.key
                     """, upstream.url("127.0.0.1"))) {
            var response = gateway.get("/orders");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("secure /orders, client certificate: CN=turnpike-gateway", response.body());
        }
    }

    @Test
    void withoutAClientCertificateAnUpstreamThatRequiresOneIsNotReached() {
        try (HttpsUpstream upstream = HttpsUpstream.start("upstream", TlsClientAuth.REQUIRED);
             TestGateway gateway = start("tls: {ca-file: ca.pem}", upstream.url("127.0.0.1"))) {
            assertEquals(502, gateway.get("/orders").statusCode());
            assertEquals(0, upstream.answered());
        }
    }

    @Test
    void activeHealthChecksProbeWithTheSameTls() {
        try (HttpsUpstream upstream = HttpsUpstream.start("upstream", TlsClientAuth.REQUIRED);
             TestGateway gateway = start("""
                     tls: {ca-file: ca.pem, cert-file: gateway-client.pem, key-file: gateway-client.key}
                     health-check:
                       active: {path: /health, interval: 200ms, timeout: 200ms, healthy-threshold: 1}
                     """, upstream.url("127.0.0.1"))) {
            Eventually.await("a probe over TLS reaches the target", () -> upstream.answered() > 0);
            Eventually.await("the probes find the target healthy", () ->
                    Resilience.target(gateway, "backend", 0).path("health").path("active").asText().equals("HEALTHY"));
        }
    }

    @Test
    void exampleInTheConfigurationDocsWorksAsWritten() throws IOException {
        // the example's folder layout and file names, with the test CA's files; only the target moves to loopback
        Files.createDirectories(dir.resolve("tls"));
        Files.copy(dir.resolve("ca.pem"), dir.resolve("tls/internal-ca.pem"));
        Files.copy(dir.resolve("gateway-client.pem"), dir.resolve("tls/gateway.pem"));
        Files.copy(dir.resolve("gateway-client.key"), dir.resolve("tls/gateway.key"));
        try (HttpsUpstream upstream = HttpsUpstream.start("upstream", TlsClientAuth.REQUIRED)) {
            String yaml = DocExamples.yamlBlockContaining("configuration.md", "ca-file:")
                    .replace("https://billing.internal:8443", upstream.url("127.0.0.1")) + """
                    routes:
                      - id: billing
                        match: {path: /billing/**}
                        upstream: billing
                    """;
            try (TestGateway gateway = TestGateway.start(yaml, dir.resolve("plugins"), dir)) {
                var response = gateway.get("/billing/invoices");

                assertEquals(200, response.statusCode(), response.body());
                assertEquals("secure /billing/invoices, client certificate: CN=turnpike-gateway", response.body());
            }
        }
    }

    @Test
    void unreadableCaFileIsAConfigErrorNamingItsKeyAndPath() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> start("tls: {ca-file: missing.pem}", "https://127.0.0.1:1"));

        assertEquals(List.of("upstreams.backend.tls.ca-file: cannot read " + dir.resolve("missing.pem")), e.errors());
    }

    @Test
    void caFileWithoutACertificateIsAConfigError() throws IOException {
        Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> start("tls: {ca-file: empty.pem}", "https://127.0.0.1:1"));

        assertEquals(List.of("upstreams.backend.tls.ca-file: cannot use " + dir.resolve("empty.pem")
                + " (Found no certificates in input stream)"), e.errors());
    }

    @Test
    void keyFileHoldingACertificateIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> start(
                "tls: {cert-file: gateway-client.pem, key-file: gateway-client.pem}", "https://127.0.0.1:1"));

        assertEquals(List.of("upstreams.backend.tls.key-file: cannot use " + dir.resolve("gateway-client.pem")
                + " (Could not find a PKCS#8 private key in input stream)"), e.errors());
    }

    private TestGateway start(String tlsSettings, String url) {
        return TestGateway.start(Resilience.config(tlsSettings, url), dir.resolve("plugins"), dir);
    }

    /** A Helidon HTTPS server with a certificate of the test CA, which says whether the client presented one. */
    private record HttpsUpstream(WebServer server, AtomicInteger served) implements AutoCloseable {

        static HttpsUpstream start(String certificate, TlsClientAuth clientAuth) {
            Keys keys = Keys.builder().pem(pem -> pem
                    .key(Resource.create("tls/" + certificate + ".key"))
                    .certChain(Resource.create("tls/" + certificate + ".pem"))).build();
            List<X509Certificate> ca = Keys.builder()
                    .pem(pem -> pem.certificates(Resource.create("tls/ca.pem"))).build().certs();
            AtomicInteger served = new AtomicInteger();
            WebServer server = WebServer.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .tls(Tls.builder()
                            .privateKey(keys.privateKey().orElseThrow())
                            .privateKeyCertChain(keys.certChain())
                            .trust(ca)
                            .clientAuth(clientAuth)
                            .build())
                    .routing(routing -> routing.any((request, response) -> {
                        served.incrementAndGet();
                        String client = request.remotePeer().tlsCertificates()
                                .filter(chain -> chain.length > 0)
                                .map(chain -> ((X509Certificate) chain[0]).getSubjectX500Principal().getName())
                                .orElse("none");
                        response.send("secure " + request.path().path() + ", client certificate: " + client);
                    }))
                    .build()
                    .start();
            return new HttpsUpstream(server, served);
        }

        String url(String host) {
            return "https://" + host + ":" + server.port();
        }

        int answered() {
            return served.get();
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
