package io.turnpike.plugins.basicauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

/**
 * A password as the config stores it, parsed once at load time, that checks a presented password.
 * Every comparison is constant-time in the stored value.
 */
sealed interface StoredPassword {

    /** The PBKDF2 format; the salt and hash are base64, standard or passlib's "adapted" ({@code .} for {@code +}). */
    Pattern PBKDF2 = Pattern.compile("\\$pbkdf2-(sha256|sha512)\\$([0-9]{1,9})\\$([A-Za-z0-9+/.]+={0,2})\\$([A-Za-z0-9+/.]+={0,2})");
    Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}");
    int MIN_ITERATIONS = 1_000;
    int MAX_ITERATIONS = 10_000_000;

    /**
     * Whether the presented password is this one.
     *
     * @param presented the password as the client sent it, UTF-8
     * @return true when it matches
     */
    boolean matches(String presented);

    /**
     * What one check costs, as far as the format tells: the scheme and its work factor. Two stored passwords
     * of equal cost take the same time to check.
     *
     * @return a value equal to that of every stored password checked with the same work
     */
    String cost();

    /**
     * Parses a configured password.
     *
     * @param configured the value of {@code password:}
     * @return the stored password
     * @throws IllegalArgumentException with a message that never quotes the value, when it looks like a hash
     *                                  but is not a valid one
     */
    static StoredPassword parse(String configured) {
        if (configured.startsWith("$2")) {
            if (!BCRYPT.matcher(configured).matches()) {
                throw new IllegalArgumentException("looks like a bcrypt hash but is not one: expected $2a$, $2b$ or $2y$, "
                        + "a two-digit cost, and 53 characters of salt and hash");
            }
            return new Bcrypt(configured.getBytes(StandardCharsets.US_ASCII));
        }
        if (configured.startsWith("$pbkdf2")) {
            Matcher m = PBKDF2.matcher(configured);
            if (!m.matches()) {
                throw new IllegalArgumentException("looks like a PBKDF2 hash but is not one: expected "
                        + "$pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash> (or pbkdf2-sha512)");
            }
            int iterations = Integer.parseInt(m.group(2));
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("PBKDF2 iterations must be " + MIN_ITERATIONS + " to " + MAX_ITERATIONS);
            }
            return new Pbkdf2("PBKDF2WithHmac" + m.group(1).toUpperCase(java.util.Locale.ROOT), iterations,
                    base64(m.group(3)), base64(m.group(4)));
        }
        return new Plain(sha256(configured));
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.replace('.', '+'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PBKDF2 salt or hash is not valid base64");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A plain-text password, held as its SHA-256 so that comparing takes the same time whatever the length. */
    record Plain(byte[] digest) implements StoredPassword {
        @Override
        public boolean matches(String presented) {
            return MessageDigest.isEqual(digest, sha256(presented));
        }

        @Override
        public String cost() {
            return "plain";
        }
    }

    /** A bcrypt hash, checked by the maintained at.favre.lib bcrypt; passwords past 72 bytes are truncated, as OpenBSD's bcrypt and htpasswd do. */
    record Bcrypt(byte[] hash) implements StoredPassword {
        private static final BCrypt.Verifyer VERIFYER =
                BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

        @Override
        public boolean matches(String presented) {
            return VERIFYER.verify(presented.getBytes(StandardCharsets.UTF_8), hash).verified;
        }

        /** The version and cost prefix, such as {@code $2b$12$}. */
        @Override
        public String cost() {
            return new String(hash, 0, 7, StandardCharsets.US_ASCII);
        }
    }

    /** A PBKDF2 hash, checked with the JDK's own PBKDF2. */
    record Pbkdf2(String algorithm, int iterations, byte[] salt, byte[] hash) implements StoredPassword {
        @Override
        public boolean matches(String presented) {
            PBEKeySpec spec = new PBEKeySpec(presented.toCharArray(), salt, iterations, hash.length * 8);
            try {
                byte[] derived = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
                return MessageDigest.isEqual(hash, derived);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is not available in this JDK", e);
            } finally {
                spec.clearPassword();
            }
        }

        @Override
        public String cost() {
            return algorithm + " " + iterations + " iterations, " + hash.length + " bytes";
        }
    }
}
