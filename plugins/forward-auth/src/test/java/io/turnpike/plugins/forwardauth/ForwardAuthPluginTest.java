package io.turnpike.plugins.forwardauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Phase;
import io.turnpike.plugins.support.ServiceTls;
import io.turnpike.server.testkit.TlsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config errors of docs/plugins/forward-auth.md, each at the key and with the message the page shows. */
class ForwardAuthPluginTest {

    private final ForwardAuthPlugin plugin = new ForwardAuthPlugin();

    @TempDir
    Path dir;

    private static ForwardAuthConfig url(String url) {
        return new ForwardAuthConfig(url, null, null, null, null, null, null, null);
    }

    private List<ConfigError> errors(ForwardAuthConfig config) {
        return plugin.validate(config);
    }

    private static List<ConfigError> error(String key, String message) {
        return List.of(new ConfigError(key, message));
    }

    @Test
    void runsAfterAuthenticationAndBeforeRateLimitsAndCaching() {
        assertEquals(Phase.AUTHORIZATION, plugin.phase());
    }

    @Test
    void aUsableConfigHasNoErrors() {
        assertEquals(List.of(), errors(new ForwardAuthConfig("http://auth.internal:4181/verify?app=orders",
                Duration.ofSeconds(2), List.of("Authorization"), List.of("X-User-Id"), List.of("WWW-Authenticate"), null,
                50, null)));
    }

    @Test
    void theUrlMustBeAnHttpUrlOfAHost() {
        assertEquals(error("url", "missing; the authorization service's URL, such as http://auth.internal:4181/verify"),
                errors(url(null)));
        assertEquals(error("url", "must start with http:// or https://, got ftp://auth"), errors(url("ftp://auth")));
        assertEquals(error("url", "must be a host, an optional port, path and query, without credentials or fragment"),
                errors(url("http://user:secret@auth/verify")));
        assertEquals(error("url", "must be a host, an optional port, path and query, without credentials or fragment"),
                errors(url("http://auth/verify#part")));
        assertEquals(error("url", "is not a URL: Illegal character in path"), errors(url("http://auth/a b")));
    }

    @Test
    void theTimeoutIsMoreThanZeroAndAtMostAMinute() {
        assertEquals(error("timeout", "must be more than 0 and at most 1m, got 0ms"), errors(
                new ForwardAuthConfig("http://auth", Duration.ZERO, null, null, null, null, null, null)));
        assertEquals(error("timeout", "must be more than 0 and at most 1m, got 61000ms"), errors(
                new ForwardAuthConfig("http://auth", Duration.ofSeconds(61), null, null, null, null, null, null)));
    }

    @Test
    void headerListsHoldFieldNamesThatAreNotTheConnections() {
        assertEquals(error("upstream-headers[0]", "must be a header field name, got X User"), errors(
                new ForwardAuthConfig("http://auth", null, null, List.of("X User"), null, null, null, null)));
        assertEquals(error("request-headers[1]", "Host belongs to one connection and is never passed on"), errors(
                new ForwardAuthConfig("http://auth", null, List.of("Authorization", "Host"), null, null, null, null,
                        null)));
        assertEquals(error("client-headers[0]", "must be a header field name, got null"), errors(
                new ForwardAuthConfig("http://auth", null, null, null, Arrays.asList((String) null), null, null, null)));
        assertEquals(error("response-headers[0]", "Content-Length belongs to one connection and is never passed on"),
                errors(new ForwardAuthConfig("http://auth", null, null, null, null, List.of("Content-Length"), null,
                        null)));
    }

    @Test
    void maxConcurrentIsOneToTenThousand() {
        assertEquals(error("max-concurrent", "must be 1 to 10000, got 0"), errors(
                new ForwardAuthConfig("http://auth", null, null, null, null, null, 0, null)));
    }

    @Test
    void tlsNeedsAnHttpsUrlAndAReadableCaFile() throws Exception {
        TlsClients.copyFixtures(dir);
        assertEquals(List.of(), errors(new ForwardAuthConfig("https://auth", null, null, null, null, null, null,
                new ServiceTls(dir.resolve("ca.pem")))));
        assertEquals(error("tls", "is used only with an https:// url"), errors(new ForwardAuthConfig("http://auth",
                null, null, null, null, null, null, new ServiceTls(dir.resolve("ca.pem")))));
        assertEquals(error("tls.ca-file", "missing; the PEM file of the CA certificates to trust"), errors(
                new ForwardAuthConfig("https://auth", null, null, null, null, null, null, new ServiceTls(null))));
        Path missing = dir.resolve("missing.pem");
        assertEquals(error("tls.ca-file", "cannot be read: " + missing + " (NoSuchFileException)"), errors(
                new ForwardAuthConfig("https://auth", null, null, null, null, null, null, new ServiceTls(missing))));
        Path notPem = Files.writeString(dir.resolve("not.pem"), "not a certificate");
        assertEquals(error("tls.ca-file", "holds no usable PEM certificate: " + notPem), errors(
                new ForwardAuthConfig("https://auth", null, null, null, null, null, null, new ServiceTls(notPem))));
    }

    private List<ConfigError> tls(String cert, String key) {
        return errors(new ForwardAuthConfig("https://auth", null, null, null, null, null, null,
                new ServiceTls(null, cert == null ? null : dir.resolve(cert), key == null ? null : dir.resolve(key))));
    }

    @Test
    void aClientCertificateComesWithItsOwnPkcs8Key() throws Exception {
        TlsClients.copyFixtures(dir);
        Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertEquals(List.of(), tls("gateway-client.pem", "gateway-client.key"));
        assertEquals(error("tls.key-file", "missing; cert-file needs the PEM file of its private key"),
                tls("gateway-client.pem", null));
        assertEquals(error("tls.cert-file", "missing; key-file needs the PEM file of its certificate"),
                tls(null, "gateway-client.key"));
        assertEquals(error("tls.key-file", "holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY): "
                        + dir.resolve("rsa.key") + "; convert one with: openssl pkcs8 -topk8 -nocrypt -in old.key"
                        + " -out new.key"), tls("gateway-client.pem", "rsa.key"));
        assertEquals(error("tls.key-file", "is not the key of the certificate in " + dir.resolve("gateway-client.pem")
                + ": " + dir.resolve("upstream.key")), tls("gateway-client.pem", "upstream.key"));
        assertEquals(error("tls.cert-file", "holds no usable PEM certificate: " + dir.resolve("gateway-client.key")),
                tls("gateway-client.key", "gateway-client.key"));
    }
}
