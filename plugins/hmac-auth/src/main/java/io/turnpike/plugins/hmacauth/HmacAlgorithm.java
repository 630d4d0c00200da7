package io.turnpike.plugins.hmacauth;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signature algorithms, by the names a client gives in {@code algorithm="..."}, computed by the JDK's {@link Mac}. */
enum HmacAlgorithm {
    HMAC_SHA1("hmac-sha1", "HmacSHA1"),
    HMAC_SHA256("hmac-sha256", "HmacSHA256"),
    HMAC_SHA384("hmac-sha384", "HmacSHA384"),
    HMAC_SHA512("hmac-sha512", "HmacSHA512");

    private final String label;
    private final String jdkName;

    HmacAlgorithm(String label, String jdkName) {
        this.label = label;
        this.jdkName = jdkName;
    }

    /** The name in a signature and in the config, such as {@code hmac-sha256}. */
    String label() {
        return label;
    }

    static Optional<HmacAlgorithm> byLabel(String label) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.label.equals(label)).findFirst();
    }

    /** The MAC of a text under a key. */
    byte[] sign(byte[] key, byte[] text) {
        try {
            // a Mac is not thread-safe and cheap to get; one per signature
            Mac mac = Mac.getInstance(jdkName);
            mac.init(new SecretKeySpec(key, jdkName));
            return mac.doFinal(text);
        } catch (GeneralSecurityException e) {
            // every JDK has these four
            throw new IllegalStateException(jdkName + " is not available", e);
        }
    }
}
