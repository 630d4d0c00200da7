package io.turnpike.plugins.hmacauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What a client computes, written apart from the plugin's own code so that the tests check it. */
final class Signatures {

    private Signatures() {
    }

    /** Base64 of the HMAC, as the client puts it in {@code signature="..."}; {@code jdkName} such as HmacSHA256. */
    static String hmac(String jdkName, String secret, String signingString) {
        try {
            Mac mac = Mac.getInstance(jdkName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jdkName));
            return Base64.getEncoder().encodeToString(mac.doFinal(signingString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code SHA-256=<base64>} of a body, for the {@code Digest} field. */
    static String sha256Digest(String body) {
        try {
            return "SHA-256=" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The whole {@code Authorization} value. */
    static String authorization(String username, String algorithm, String headers, String signature) {
        return "hmac username=\"" + username + "\", algorithm=\"" + algorithm + "\", headers=\"" + headers
                + "\", signature=\"" + signature + "\"";
    }
}
