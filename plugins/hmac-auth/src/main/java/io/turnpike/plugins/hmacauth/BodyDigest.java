package io.turnpike.plugins.hmacauth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a body against its {@code Digest} field (RFC 3230, as Kong's hmac-auth takes it):
 * {@code SHA-256=<base64>}, or {@code SHA-512=}, or both, comma-separated. Every digest of these two algorithms
 * must match and one must be there; digests of other algorithms are passed over.
 */
final class BodyDigest {

    private static final Map<String, String> ALGORITHMS = Map.of("sha-256", "SHA-256", "sha-512", "SHA-512");

    private BodyDigest() {
    }

    /**
     * @param field the {@code Digest} field's value
     * @param body  the body's bytes, as they came (with their content coding, if any)
     * @return whether the field holds a digest of a known algorithm and every such digest matches
     */
    static boolean matches(String field, byte[] body) {
        boolean checked = false;
        for (String entry : field.split(",")) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String algorithm = ALGORITHMS.get(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT));
            if (algorithm == null) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(eq + 1).strip());
            } catch (IllegalArgumentException malformed) {
                return false;
            }
            if (!MessageDigest.isEqual(digest(algorithm, body), given)) {
                return false;
            }
            checked = true;
        }
        return checked;
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
