package io.turnpike.plugins.hmacauth;

import static io.turnpike.plugins.hmacauth.Signatures.authorization;
import static io.turnpike.plugins.hmacauth.Signatures.hmac;
import static io.turnpike.plugins.hmacauth.Signatures.sha256Digest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Body;
import io.turnpike.api.Credential;
import io.turnpike.api.Exchange;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

class HmacAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String DATE = "Tue, 01 Dec 2026 12:00:00 GMT";
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final List<Credential<HmacCredential>> ALICE =
            List.of(new Credential<>("alice-service", new HmacCredential("alice", SECRET)));
    private static final HmacAuthConfig DEFAULTS = config(null, null, null);

    private static HmacAuthConfig config(List<String> algorithms, List<String> enforceHeaders, Boolean validateBody) {
        return new HmacAuthConfig(null, algorithms, enforceHeaders, validateBody, 16, null, "billing");
    }

    private static HmacAuthenticator authenticator(HmacAuthConfig config) {
        return new HmacAuthenticator(config, ALICE, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Request get(String pathAndQuery, String... headers) {
        String[] parts = pathAndQuery.split("\\?", 2);
        return new Request("GET", parts[0], parts.length > 1 ? parts[1] : "", Headers.of(headers), Body.empty());
    }

    private static Request post(String path, String body, String... headers) {
        return new Request("POST", path, "", Headers.of(headers), Body.of(body));
    }

    /** A GET of /orders/7?page=2 signed by alice over x-date and the request target. */
    private static Request signedGet(String date, String algorithm, String jdkName) {
        String signature = hmac(jdkName, SECRET, "x-date: " + date + "\n@request-target: get /orders/7?page=2");
        return get("/orders/7?page=2", "X-Date", date,
                "Authorization", authorization("alice", algorithm, "x-date @request-target", signature));
    }

    @Test
    void aSignatureOverTheDateAndTargetAuthenticatesItsConsumerAndTheHeaderIsHidden() {
        AuthResult result = authenticator(DEFAULTS).authenticate(signedGet(DATE, "hmac-sha256", "HmacSHA256"), null);

        AuthResult.Authenticated authenticated = assertInstanceOf(AuthResult.Authenticated.class, result);
        assertEquals("alice-service", authenticated.consumer());
        assertFalse(authenticated.request().headers().contains("Authorization"));
        assertEquals(Optional.of(DATE), authenticated.request().headers().first("X-Date"));
    }

    @Test
    void sha384AndSha512AreAcceptedByDefault() {
        assertInstanceOf(AuthResult.Authenticated.class,
                authenticator(DEFAULTS).authenticate(signedGet(DATE, "hmac-sha384", "HmacSHA384"), null));
        assertInstanceOf(AuthResult.Authenticated.class,
                authenticator(DEFAULTS).authenticate(signedGet(DATE, "hmac-sha512", "HmacSHA512"), null));
    }

    @Test
    void sha1IsRefusedUnlessTheRouteAllowsIt() {
        Request sha1 = signedGet(DATE, "hmac-sha1", "HmacSHA1");

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS).authenticate(sha1, null));
        assertInstanceOf(AuthResult.Authenticated.class,
                authenticator(config(List.of("hmac-sha1"), null, null)).authenticate(sha1, null));
    }

    @Test
    void noAuthorizationIsNoCredential() {
        assertEquals(AuthResult.noCredential(), authenticator(DEFAULTS).authenticate(get("/orders/7"), null));
    }

    @Test
    void anotherSchemeIsNoCredentialOfThisKind() {
        assertEquals(AuthResult.noCredential(),
                authenticator(DEFAULTS).authenticate(get("/orders/7", "Authorization", "Basic YWxpY2U6cw=="), null));
    }

    @Test
    void aSignatureUnderAnotherSecretIsInvalid() {
        String signature = hmac("HmacSHA256", "another-secret", "x-date: " + DATE);
        Request request = get("/orders/7", "X-Date", DATE,
                "Authorization", authorization("alice", "hmac-sha256", "x-date", signature));

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS).authenticate(request, null));
    }

    @Test
    void anUnknownUsernameIsInvalid() {
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + DATE);
        Request request = get("/orders/7", "X-Date", DATE,
                "Authorization", authorization("mallory", "hmac-sha256", "x-date", signature));

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS).authenticate(request, null));
    }

    @Test
    void anotherTargetThanTheSignedOneIsInvalid() {
        Request signed = signedGet(DATE, "hmac-sha256", "HmacSHA256");
        Request elsewhere = signed.withPath("/orders/8");

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS).authenticate(elsewhere, null));
    }

    @Test
    void aDateBeyondTheClockSkewEitherWayIsInvalid() {
        String fiveMinutesAndASecondAgo = "Tue, 01 Dec 2026 11:54:59 GMT";
        String fiveMinutesAndASecondAhead = "Tue, 01 Dec 2026 12:05:01 GMT";
        String fiveMinutesAgo = "Tue, 01 Dec 2026 11:55:00 GMT";

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS)
                .authenticate(signedGet(fiveMinutesAndASecondAgo, "hmac-sha256", "HmacSHA256"), null));
        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS)
                .authenticate(signedGet(fiveMinutesAndASecondAhead, "hmac-sha256", "HmacSHA256"), null));
        assertInstanceOf(AuthResult.Authenticated.class, authenticator(DEFAULTS)
                .authenticate(signedGet(fiveMinutesAgo, "hmac-sha256", "HmacSHA256"), null));
    }

    @Test
    void aDateThatIsNotAnHttpDateIsInvalid() {
        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS)
                .authenticate(signedGet("2026-12-01T12:00:00Z", "hmac-sha256", "HmacSHA256"), null));
    }

    @Test
    void theDateHeaderServesWhenNoXDateIsSigned() {
        String signature = hmac("HmacSHA256", SECRET, "date: " + DATE);
        Request request = get("/orders/7", "Date", DATE,
                "Authorization", authorization("alice", "hmac-sha256", "date", signature));

        assertInstanceOf(AuthResult.Authenticated.class, authenticator(DEFAULTS).authenticate(request, null));
    }

    @Test
    void aSignatureThatCoversNoDateIsInvalidEvenWhenADateIsSent() {
        String signature = hmac("HmacSHA256", SECRET, "@request-target: get /orders/7");
        Request request = get("/orders/7", "Date", DATE,
                "Authorization", authorization("alice", "hmac-sha256", "@request-target", signature));

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS).authenticate(request, null));
    }

    @Test
    void aSignedHeaderMissingFromTheRequestIsInvalid() {
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + DATE + "\nx-tenant: acme");
        Request request = get("/orders/7", "X-Date", DATE,
                "Authorization", authorization("alice", "hmac-sha256", "x-date x-tenant", signature));

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS).authenticate(request, null));
    }

    @Test
    void anEnforcedHeaderMustBeSigned() {
        HmacAuthenticator enforcing = authenticator(config(null, List.of("@request-target", "x-tenant"), null));
        String signature = hmac("HmacSHA256", SECRET,
                "x-date: " + DATE + "\n@request-target: get /orders/7\nx-tenant: acme");
        Request all = get("/orders/7", "X-Date", DATE, "X-Tenant", "acme", "Authorization",
                authorization("alice", "hmac-sha256", "x-date @request-target x-tenant", signature));

        assertEquals(AuthResult.invalid(), enforcing.authenticate(signedGet(DATE, "hmac-sha256", "HmacSHA256"), null));
        assertInstanceOf(AuthResult.Authenticated.class, enforcing.authenticate(all, null));
    }

    @Test
    void theRequestLineCarriesTheHttpVersionTheClientSpoke() {
        Exchange overHttp2 = mock(Exchange.class);
        when(overHttp2.protocolVersion()).thenReturn("2.0");
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + DATE + "\nGET /orders/7?page=2 HTTP/2.0");
        Request request = get("/orders/7?page=2", "X-Date", DATE,
                "Authorization", authorization("alice", "hmac-sha256", "x-date request-line", signature));

        assertInstanceOf(AuthResult.Authenticated.class, authenticator(DEFAULTS).authenticate(request, overHttp2));
    }

    @Test
    void aHeaderSentTwiceIsSignedWithItsValuesJoined() {
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + DATE + "\nx-tag: a, b");
        Request request = get("/orders/7", "X-Date", DATE, "X-Tag", "a", "X-Tag", "b",
                "Authorization", authorization("alice", "hmac-sha256", "x-date x-tag", signature));

        assertInstanceOf(AuthResult.Authenticated.class, authenticator(DEFAULTS).authenticate(request, null));
    }

    @Test
    void theSignatureMayComeInProxyAuthorization() {
        Request signed = signedGet(DATE, "hmac-sha256", "HmacSHA256");
        Request viaProxy = signed.withHeaders(signed.headers().without("Authorization")
                .with("Proxy-Authorization", signed.headers().first("Authorization").orElseThrow()));

        AuthResult result = authenticator(DEFAULTS).authenticate(viaProxy, null);

        assertFalse(assertInstanceOf(AuthResult.Authenticated.class, result).request().headers()
                .contains("Proxy-Authorization"));
    }

    @Test
    void twoSignaturesAreInvalid() {
        Request signed = signedGet(DATE, "hmac-sha256", "HmacSHA256");
        Request twice = signed.withHeaders(signed.headers()
                .plus("Authorization", signed.headers().first("Authorization").orElseThrow()));

        assertEquals(AuthResult.invalid(), authenticator(DEFAULTS).authenticate(twice, null));
    }

    /** A POST of {@code body} to /invoices, signed over x-date, the target and the given digest. */
    private static Request signedPost(String body, String digest) {
        String signature = hmac("HmacSHA256", SECRET,
                "x-date: " + DATE + "\n@request-target: post /invoices\ndigest: " + digest);
        return post("/invoices", body, "X-Date", DATE, "Digest", digest,
                "Authorization", authorization("alice", "hmac-sha256", "x-date @request-target digest", signature));
    }

    @Test
    void withBodyValidationABodyMatchingItsSignedDigestIsPassedOnWhole() {
        AuthResult result = authenticator(config(null, null, true))
                .authenticate(signedPost("{\"amount\":42}", sha256Digest("{\"amount\":42}")), null);

        Request passed = assertInstanceOf(AuthResult.Authenticated.class, result).request();
        assertArrayEquals("{\"amount\":42}".getBytes(StandardCharsets.UTF_8), passed.body().bytes(100));
    }

    @Test
    void withBodyValidationABodyThatIsNotTheSignedOnesIsInvalid() {
        Request tampered = signedPost("{\"amount\":42}", sha256Digest("{\"amount\":42}"))
                .withBody(Body.of("{\"amount\":99}"));

        assertEquals(AuthResult.invalid(), authenticator(config(null, null, true)).authenticate(tampered, null));
    }

    @Test
    void withBodyValidationABodyWithoutASignedDigestIsInvalid() {
        String signature = hmac("HmacSHA256", SECRET, "x-date: " + DATE + "\n@request-target: post /invoices");
        Request unsigned = post("/invoices", "{}", "X-Date", DATE, "Digest", sha256Digest("{}"),
                "Authorization", authorization("alice", "hmac-sha256", "x-date @request-target", signature));

        assertEquals(AuthResult.invalid(), authenticator(config(null, null, true)).authenticate(unsigned, null));
        assertInstanceOf(AuthResult.Authenticated.class, authenticator(DEFAULTS).authenticate(unsigned, null),
                "without validation the body is not looked at");
    }

    @Test
    void withBodyValidationAnEmptyBodyNeedsNoDigest() {
        assertInstanceOf(AuthResult.Authenticated.class, authenticator(config(null, null, true))
                .authenticate(signedGet(DATE, "hmac-sha256", "HmacSHA256"), null));
    }

    @Test
    void withBodyValidationABodyOverTheLimitIsRefused413() {
        String body = "x".repeat(17);

        ProblemException refused = assertThrows(ProblemException.class, () -> authenticator(config(null, null, true))
                .authenticate(signedPost(body, sha256Digest(body)), null));
        assertEquals(413, refused.status());
    }

    @Test
    void theChallengeNamesTheSchemeAndRealm() {
        assertEquals(Optional.of("hmac realm=\"billing\""), authenticator(DEFAULTS).challenge());
    }

    @Test
    void theDefaultClockSkewIsFiveMinutes() {
        assertEquals(Duration.ofMinutes(5), DEFAULTS.clockSkew());
    }
}
