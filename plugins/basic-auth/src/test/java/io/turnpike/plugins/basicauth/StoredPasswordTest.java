package io.turnpike.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference hashes come from other implementations: jBCrypt's test vectors and Python's hashlib. */
class StoredPasswordTest {

    /** jBCrypt's test vector for "abc". */
    private static final String BCRYPT_ABC = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";
    /** hashlib.pbkdf2_hmac('sha256', 's3crét'.encode(), b'turnpike-salt-16', 1000), base64 without padding. */
    private static final String PBKDF2_SHA256 =
            "$pbkdf2-sha256$1000$dHVybnBpa2Utc2FsdC0xNg$RJkF6Z6i7RBBmqJeFFzi6wfuQGn34pYMOWqDdN+O8AU";
    private static final String PBKDF2_SHA512 = "$pbkdf2-sha512$1000$dHVybnBpa2Utc2FsdC0xNg$BVzPQs3koRcUSa5I6AuyESybWc"
            + "XTTJBo2NmJ5X40lUDReSgak8Re/dgZVagYxWCiS5QZEbK3evw1XCaQTrgJVQ";

    @Test
    void aBcryptHashFromAnotherImplementationMatchesItsPassword() {
        StoredPassword stored = StoredPassword.parse(BCRYPT_ABC);

        assertInstanceOf(StoredPassword.Bcrypt.class, stored);
        assertTrue(stored.matches("abc"));
        assertFalse(stored.matches("abd"));
    }

    @Test
    void aPbkdf2Sha256HashFromPythonMatchesItsUtf8Password() {
        StoredPassword stored = StoredPassword.parse(PBKDF2_SHA256);

        assertTrue(stored.matches("s3crét"));
        assertFalse(stored.matches("s3cret"));
    }

    @Test
    void aPbkdf2Sha512HashFromPythonMatchesItsPassword() {
        assertTrue(StoredPassword.parse(PBKDF2_SHA512).matches("s3crét"));
    }

    @Test
    void passlibsAdaptedBase64IsAccepted() {
        assertTrue(StoredPassword.parse(PBKDF2_SHA256.replace('+', '.')).matches("s3crét"));
    }

    @Test
    void anythingElseIsAPlainPassword() {
        StoredPassword stored = StoredPassword.parse("s3cret");

        assertInstanceOf(StoredPassword.Plain.class, stored);
        assertTrue(stored.matches("s3cret"));
        assertFalse(stored.matches("s3cret "));
    }

    @Test
    void aTruncatedBcryptHashIsRefusedNotTakenAsPlainText() {
        assertThrows(IllegalArgumentException.class, () -> StoredPassword.parse(BCRYPT_ABC.substring(0, 40)));
    }

    @Test
    void aPbkdf2HashWithTooFewIterationsIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoredPassword.parse(PBKDF2_SHA256.replace("$1000$", "$999$")));

        assertTrue(refused.getMessage().contains("1000 to 10000000"), refused.getMessage());
    }

    @Test
    void aPbkdf2HashWithBrokenBase64IsRefusedWithoutQuotingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoredPassword.parse("$pbkdf2-sha256$1000$A$RJkF6Z6i7RBB"));

        assertFalse(refused.getMessage().contains("RJkF"), refused.getMessage());
    }
}
