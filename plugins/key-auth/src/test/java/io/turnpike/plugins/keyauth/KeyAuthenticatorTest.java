package io.turnpike.plugins.keyauth;

import static io.turnpike.plugins.keyauth.Fixtures.authenticator;
import static io.turnpike.plugins.keyauth.Fixtures.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

class KeyAuthenticatorTest {

    private final KeyAuthenticator headerOnly = authenticator("{}");
    private final KeyAuthenticator withQuery = authenticator("{query-param: apikey}");

    @Test
    void aKnownKeyInTheHeaderAuthenticatesItsConsumer() {
        AuthResult result = headerOnly.authenticate(get("/orders", "X-API-Key", "bob-key-9876543210"), null);

        assertEquals("bob", assertInstanceOf(AuthResult.Authenticated.class, result).consumer());
    }

    @Test
    void theKeyIsRemovedBeforeTheRequestGoesUpstream() {
        Request forwarded = upstreamOf(headerOnly, get("/orders", "X-API-Key", "alice-key-0123456789", "Accept", "*/*"));

        assertFalse(forwarded.headers().contains("X-API-Key"));
        assertTrue(forwarded.headers().contains("Accept"));
    }

    @Test
    void theKeyIsKeptWhenHideCredentialsIsOff() {
        Request forwarded = upstreamOf(authenticator("{hide-credentials: false}"),
                get("/orders", "X-API-Key", "alice-key-0123456789"));

        assertEquals(Optional.of("alice-key-0123456789"), forwarded.headers().first("X-API-Key"));
    }

    @Test
    void aMissingKeyIsNoCredentialSoAnotherMethodMayAccept() {
        assertEquals(AuthResult.noCredential(), headerOnly.authenticate(get("/orders"), null));
    }

    @Test
    void aWrongKeyIsInvalid() {
        assertEquals(AuthResult.invalid(), headerOnly.authenticate(get("/orders", "X-API-Key", "alice-key-012345678"), null));
    }

    @Test
    void anEmptyKeyIsInvalid() {
        assertEquals(AuthResult.invalid(), headerOnly.authenticate(get("/orders", "X-API-Key", ""), null));
    }

    @Test
    void twoKeysAreInvalidEvenWhenOneIsRight() {
        assertEquals(AuthResult.invalid(), headerOnly.authenticate(
                get("/orders", "X-API-Key", "alice-key-0123456789", "X-API-Key", "nonsense"), null));
    }

    @Test
    void aKeyInAnotherHeaderIsNotLookedAt() {
        assertEquals(AuthResult.noCredential(),
                headerOnly.authenticate(get("/orders", "Authorization", "alice-key-0123456789"), null));
    }

    @Test
    void aConfiguredHeaderReplacesTheDefault() {
        KeyAuthenticator custom = authenticator("{header: X-Key}");

        assertEquals(AuthResult.noCredential(), custom.authenticate(get("/orders", "X-API-Key", "alice-key-0123456789"), null));
        assertInstanceOf(AuthResult.Authenticated.class, custom.authenticate(get("/orders", "x-key", "alice-key-0123456789"), null));
    }

    @Test
    void aQueryParameterIsIgnoredUnlessConfigured() {
        assertEquals(AuthResult.noCredential(), headerOnly.authenticate(get("/orders?apikey=alice-key-0123456789"), null));
    }

    @Test
    void aConfiguredQueryParameterAuthenticatesAndIsRemovedKeepingTheRestOfTheQuery() {
        Request forwarded = upstreamOf(withQuery, get("/orders?page=2&apikey=alice-key-0123456789&sort=asc"));

        assertEquals("page=2&sort=asc", forwarded.query());
    }

    @Test
    void aPercentEncodedKeyInTheQueryIsDecodedBeforeComparing() {
        KeyAuthenticator encoded = new KeyAuthenticator(Fixtures.bind("{query-param: k}", KeyAuthConfig.class),
                java.util.List.of(new io.turnpike.api.Credential<>("carol", new KeyCredential("a+b/c=="))));

        assertInstanceOf(AuthResult.Authenticated.class, encoded.authenticate(get("/orders?k=a%2Bb%2Fc%3D%3D"), null));
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() {
        assertEquals(AuthResult.invalid(), withQuery.authenticate(
                get("/orders?apikey=alice-key-0123456789", "X-API-Key", "wrong"), null));
    }

    @Test
    void theChallengeNamesTheRealm() {
        assertEquals(Optional.of("Key realm=\"partners\""), authenticator("{realm: partners}").challenge());
    }

    private static Request upstreamOf(KeyAuthenticator authenticator, Request request) {
        return assertInstanceOf(AuthResult.Authenticated.class, authenticator.authenticate(request, null)).request();
    }
}
