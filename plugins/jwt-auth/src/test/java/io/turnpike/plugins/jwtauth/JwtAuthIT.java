package io.turnpike.plugins.jwtauth;

import static io.turnpike.plugins.jwtauth.Tokens.good;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.turnpike.plugins.support.BearerTokens;
import io.turnpike.server.testkit.DocExamples;
import io.turnpike.server.testkit.PluginJars;
import io.turnpike.server.testkit.TestGateway;
import io.turnpike.server.testkit.TestUpstream;
import io.turnpike.server.testkit.TestUpstream.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/plugins/jwt-auth.md through the real gateway with the packaged, shaded jar loaded by
 * PF4J, against a real JWKS endpoint on loopback whose keys the tests rotate.
 */
class JwtAuthIT {

    private static final RSAKey FIRST = Tokens.rsa("2024-01");
    private static final RSAKey SECOND = Tokens.rsa("2024-02");
    private static final ECKey EC = Tokens.ec("ec-1");

    @TempDir
    Path dir;

    private TestUpstream upstream;
    private JwksServer jwks;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        upstream = TestUpstream.ok();
        jwks = new JwksServer();
        jwks.serve(List.of(FIRST, EC));
        // the server's header limit is raised so that a 64 KiB token reaches the plugin, which must refuse it
        String example = "server:\n  max-header-size: 131072\n" + DocExamples.firstYamlBlock("plugins/jwt-auth.md")
                .replace("http://127.0.0.1:9001", upstream.url())
                .replace("http://127.0.0.1:9002/.well-known/jwks.json", jwks.url());
        gateway = TestGateway.start(example, PluginJars.folderWith(dir.resolve("plugins"), PluginJars.pluginUnderTest()), dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        jwks.close();
        upstream.close();
    }

    @Test
    void aGoodTokenReachesTheUpstreamAsItsConsumerWithTheForwardedClaim() {
        String token = Tokens.sign(FIRST, good("alice").claim("email", "alice@example.com").build());

        assertEquals(200, bearer(token, "X-User-Email", "root@example.com", "X-Consumer-Name", "root").statusCode());

        RecordedRequest received = upstream.takeRequest();
        assertEquals(List.of("alice"), received.headerValues("X-Consumer-Name"));
        assertEquals("gold", received.header("X-Consumer-Groups"));
        assertEquals(List.of("alice@example.com"), received.headerValues("X-User-Email"));
        assertEquals("Bearer " + token, received.header("Authorization"));
    }

    @Test
    void anEs256TokenFromTheSameSetIsAccepted() {
        assertEquals(200, bearer(Tokens.sign(EC, good("alice").build())).statusCode());
    }

    @Test
    void anExpiredTokenIs401() {
        assertUnauthorized(Tokens.sign(FIRST, good("alice").expirationTime(new Date(System.currentTimeMillis() - 3_600_000)).build()));
    }

    @Test
    void aTokenNotYetValidIs401() {
        assertUnauthorized(Tokens.sign(FIRST, good("alice").notBeforeTime(new Date(System.currentTimeMillis() + 3_600_000)).build()));
    }

    @Test
    void anotherIssuerIs401() {
        assertUnauthorized(Tokens.sign(FIRST, good("alice").issuer("https://elsewhere.example.com").build()));
    }

    @Test
    void anotherAudienceIs401() {
        assertUnauthorized(Tokens.sign(FIRST, good("alice").audience("billing-api").build()));
    }

    @Test
    void aBadSignatureIs401() {
        String token = Tokens.sign(FIRST, good("alice").build());
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + new StringBuilder(token.substring(token.lastIndexOf('.') + 1)).reverse();

        assertUnauthorized(tampered);
    }

    @Test
    void algNoneIs401() {
        assertUnauthorized(Tokens.unsigned(good("alice").build()));
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIs401() throws Exception {
        assertUnauthorized(Tokens.hmac(FIRST.toRSAPublicKey().getEncoded(), JWSAlgorithm.HS256, good("alice").build()));
    }

    @Test
    void malformedBase64Is401() {
        assertUnauthorized("eyJhbGciOiJSUzI1NiJ9.%%%%.&&&&");
    }

    @Test
    void a64KibTokenIs401() {
        assertUnauthorized("eyJhbGciOiJSUzI1NiJ9." + "A".repeat(64 * 1024) + ".c2ln");
    }

    @Test
    void aRequestWithoutATokenIs401WithAChallengeThatNamesNoError() {
        HttpResponse<String> response = gateway.get("/orders/1");

        assertEquals(401, response.statusCode(), response.body());
        assertEquals(Optional.of("Bearer"), response.headers().firstValue("WWW-Authenticate"));
    }

    @Test
    void aMissingScopeIs403() {
        HttpResponse<String> response = bearer(Tokens.sign(FIRST, good("alice").claim("scope", "orders:write").build()));

        assertEquals(403, response.statusCode());
        assertEquals(Optional.of("Bearer error=\"insufficient_scope\", scope=\"orders:read\""),
                response.headers().firstValue("WWW-Authenticate"));
        assertTrue(response.body().contains(BearerTokens.MISSING_SCOPE), response.body());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void aKeyRotatedInMidTestIsFetchedAndAcceptedThenUnknownKidsAreRateLimited() {
        assertEquals(200, bearer(Tokens.sign(FIRST, good("alice").build())).statusCode());
        assertEquals(1, jwks.fetches());

        jwks.serve(List.of(SECOND));
        assertEquals(200, bearer(Tokens.sign(SECOND, good("alice").build())).statusCode());
        assertEquals(2, jwks.fetches());

        for (int i = 0; i < 5; i++) {
            assertUnauthorized(Tokens.sign(Tokens.rsa("made-up-" + i), good("alice").build()));
        }
        assertEquals(2, jwks.fetches(), "unknown kids within the refetch interval must not reach the JWKS URL");
    }

    @Test
    void theJarBundlesNimbusAndCaffeineRelocatedAndNoSharedTypes() throws IOException {
        try (JarFile jar = new JarFile(PluginJars.pluginUnderTest().toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();

            assertTrue(names.stream().anyMatch(n -> n.startsWith("io/turnpike/plugins/jwtauth/shaded/nimbus/")));
            assertTrue(names.stream().anyMatch(n -> n.startsWith("io/turnpike/plugins/jwtauth/shaded/caffeine/")));
            assertTrue(names.stream().noneMatch(n -> n.startsWith("com/nimbusds/") || n.startsWith("com/github/benmanes/")));
            assertTrue(names.stream().noneMatch(n -> n.startsWith("io/turnpike/api/") || n.startsWith("org/pf4j/")
                    || n.startsWith("com/fasterxml/")));
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".SF")));
        }
    }

    private void assertUnauthorized(String token) {
        int reachedBefore = upstream.requestCount();
        HttpResponse<String> response = bearer(token);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals(Optional.of(BearerTokens.INVALID_TOKEN), response.headers().firstValue("WWW-Authenticate"));
        assertEquals(Optional.of("application/problem+json"), response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains("\"detail\":\"Invalid credentials.\""), response.body());
        assertFalse(response.body().contains(token.length() > 40 ? token.substring(0, 40) : token));
        assertEquals(reachedBefore, upstream.requestCount());
    }

    private HttpResponse<String> bearer(String token, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.get("/orders/1", all);
    }
}
