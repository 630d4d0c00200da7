package io.turnpike.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.AuthResult;
import io.turnpike.api.Body;
import io.turnpike.api.Credential;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {

    /** jBCrypt's test vector for "abc". */
    private static final String BCRYPT_ABC = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";

    private final BasicAuthenticator authenticator = new BasicAuthenticator(new BasicAuthConfig("api", null), List.of(
            new Credential<>("alice", new BasicCredential("alice", "s3cret")),
            new Credential<>("carol", new BasicCredential("carol", "$pbkdf2-sha256$1000$dHVybnBpa2Utc2FsdC0xNg"
                    + "$RJkF6Z6i7RBBmqJeFFzi6wfuQGn34pYMOWqDdN+O8AU"))));

    @Test
    void theRightPasswordAuthenticatesTheUsersConsumerAndHidesTheHeader() {
        AuthResult result = authenticator.authenticate(request("Authorization", basic("alice:s3cret")), null);

        AuthResult.Authenticated authenticated = assertInstanceOf(AuthResult.Authenticated.class, result);
        assertEquals("alice", authenticated.consumer());
        assertFalse(authenticated.request().headers().contains("Authorization"));
    }

    @Test
    void aUtf8PasswordIsDecodedAsUtf8() {
        assertInstanceOf(AuthResult.Authenticated.class,
                authenticator.authenticate(request("Authorization", basic("carol:s3crét")), null));
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        String token = basic("alice:s3cret").substring(6);

        assertInstanceOf(AuthResult.Authenticated.class, authenticator.authenticate(request("Authorization", "bAsIc " + token), null));
    }

    @Test
    void aPasswordMayHoldColons() {
        BasicAuthenticator colons = new BasicAuthenticator(new BasicAuthConfig(null, null),
                List.of(new Credential<>("dave", new BasicCredential("dave", "a:b:c"))));

        assertInstanceOf(AuthResult.Authenticated.class, colons.authenticate(request("Authorization", basic("dave:a:b:c")), null));
    }

    @Test
    void noAuthorizationIsNoCredential() {
        assertEquals(AuthResult.noCredential(), authenticator.authenticate(request(), null));
    }

    @Test
    void aBearerTokenIsNoCredentialOfThisKind() {
        assertEquals(AuthResult.noCredential(), authenticator.authenticate(request("Authorization", "Bearer abc.def.ghi"), null));
    }

    @Test
    void aWrongPasswordIsInvalid() {
        assertEquals(AuthResult.invalid(), authenticator.authenticate(request("Authorization", basic("alice:S3cret")), null));
    }

    @Test
    void anUnknownUserIsInvalid() {
        assertEquals(AuthResult.invalid(), authenticator.authenticate(request("Authorization", basic("mallory:s3cret")), null));
    }

    @Test
    void anUnknownUsersPasswordIsStillCheckedAgainstTheDecoy() {
        List<StoredPassword> decoys = new ArrayList<>();
        BasicAuthenticator withSpy = new BasicAuthenticator(new BasicAuthConfig(null, null), List.of(
                new Credential<>("erin", new BasicCredential("erin", BCRYPT_ABC))),
                stored -> {
                    decoys.add(spy(Decoys.decoyFor(stored)));
                    return decoys.getFirst();
                });

        assertEquals(AuthResult.invalid(), withSpy.authenticate(request("Authorization", basic("mallory:abc")), null));

        assertEquals("$2a$06$", decoys.getFirst().cost());
        verify(decoys.getFirst()).matches("abc");
    }

    @Test
    void aKnownUsersPasswordIsNotCheckedAgainstTheDecoy() {
        StoredPassword decoy = spy(StoredPassword.parse(BCRYPT_ABC));
        BasicAuthenticator withSpy = new BasicAuthenticator(new BasicAuthConfig(null, null), List.of(
                new Credential<>("erin", new BasicCredential("erin", BCRYPT_ABC))), stored -> decoy);

        assertInstanceOf(AuthResult.Authenticated.class,
                withSpy.authenticate(request("Authorization", basic("erin:abc")), null));
        assertEquals(AuthResult.invalid(), withSpy.authenticate(request("Authorization", basic("erin:abd")), null));

        verify(decoy, never()).matches(anyString());
    }

    @Test
    void malformedBase64IsInvalid() {
        assertEquals(AuthResult.invalid(), authenticator.authenticate(request("Authorization", "Basic !!!not-base64"), null));
    }

    @Test
    void credentialsWithoutAColonAreInvalid() {
        assertEquals(AuthResult.invalid(), authenticator.authenticate(request("Authorization", basic("alices3cret")), null));
    }

    @Test
    void bytesThatAreNotUtf8AreInvalid() {
        String token = Base64.getEncoder().encodeToString(new byte[] {'a', ':', (byte) 0xff, (byte) 0xfe});

        assertEquals(AuthResult.invalid(), authenticator.authenticate(request("Authorization", "Basic " + token), null));
    }

    @Test
    void anOversizedTokenIsInvalidWithoutDecoding() {
        String huge = "A".repeat(BasicAuthenticator.MAX_CREDENTIALS_LENGTH + 4);

        assertEquals(AuthResult.invalid(), authenticator.authenticate(request("Authorization", "Basic " + huge), null));
    }

    @Test
    void twoBasicHeadersAreInvalid() {
        assertEquals(AuthResult.invalid(), authenticator.authenticate(
                request("Authorization", basic("alice:s3cret"), "Authorization", basic("carol:s3crét")), null));
    }

    @Test
    void theChallengeNamesTheRealmAndUtf8() {
        assertEquals(Optional.of("Basic realm=\"api\", charset=\"UTF-8\""), authenticator.challenge());
    }

    @Test
    void theHeaderIsKeptWhenHideCredentialsIsOff() {
        BasicAuthenticator keeping = new BasicAuthenticator(new BasicAuthConfig(null, false),
                List.of(new Credential<>("alice", new BasicCredential("alice", "s3cret"))));

        AuthResult result = keeping.authenticate(request("Authorization", basic("alice:s3cret")), null);

        assertTrue(assertInstanceOf(AuthResult.Authenticated.class, result).request().headers().contains("Authorization"));
    }

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static Request request(String... headers) {
        return new Request("GET", "/reports", "", Headers.of(headers), Body.empty());
    }
}
