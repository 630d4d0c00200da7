package io.turnpike.server.testkit;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;

/**
 * JDK HTTP clients for the gateway's HTTPS listener, from the PEM fixtures of {@code src/test/resources/tls}
 * (see its README) copied into a test's folder.
 */
public final class TlsClients {

    /** The fixtures a TLS test copies next to its config file. */
    public static final List<String> FIXTURES = List.of("ca.pem", "upstream.pem", "upstream.key", "renewed.pem",
            "renewed.key", "gateway-client.pem", "gateway-client.key");

    private TlsClients() {
    }

    /**
     * Copies the fixtures into a folder, with {@code upstream.pem} and {@code .key} also as {@code server.pem}
     * and {@code server.key}: the listener's certificate, for {@code 127.0.0.1}.
     *
     * @param dir the folder
     */
    public static void copyFixtures(Path dir) throws Exception {
        for (String name : FIXTURES) {
            try (InputStream in = TlsClients.class.getResourceAsStream("/tls/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Files.copy(dir.resolve("upstream.pem"), dir.resolve("server.pem"));
        Files.copy(dir.resolve("upstream.key"), dir.resolve("server.key"));
    }

    /**
     * A client builder that trusts the test CA and the renewed certificate.
     *
     * @param dir         the folder the fixtures were copied to
     * @param certificate the fixture to present as the client's certificate ({@code gateway-client}), or null
     * @return the builder
     */
    public static HttpClient.Builder trusting(Path dir, String certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (String name : List.of("ca.pem", "renewed.pem")) {
            try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                trust.setCertificateEntry(name, x509.generateCertificate(in));
            }
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        if (certificate != null) {
            Keys keys = Keys.builder().pem(pem -> pem
                    .key(Resource.create(dir.resolve(certificate + ".key")))
                    .certChain(Resource.create(dir.resolve(certificate + ".pem")))).build();
            identity.setKeyEntry("client", keys.privateKey().orElseThrow(), new char[0],
                    keys.certChain().toArray(new Certificate[0]));
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5));
    }
}
