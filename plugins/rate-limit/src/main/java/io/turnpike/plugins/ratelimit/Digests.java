package io.turnpike.plugins.ratelimit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of the algorithms every JDK has (SHA-1, SHA-256): names for content, not security measures. */
final class Digests {

    private Digests() {
    }

    /** @param algorithm {@code SHA-1} or {@code SHA-256} */
    static byte[] of(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has " + algorithm, impossible);
        }
    }

    /** The digest in lower-case hex. */
    static String hex(String algorithm, byte[] input) {
        return HexFormat.of().formatHex(of(algorithm, input));
    }
}
