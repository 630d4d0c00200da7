package io.turnpike.plugins.hmacauth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a client's {@code Authorization: hmac username="...", algorithm="...", headers="...", signature="..."}
 * says, read as RFC 9110's auth-params ({@code name=token} or {@code name="quoted string"}, in any order).
 * {@code headers} names what was signed, in order, lower case; without it, the signature covers {@code date}
 * alone, as in the HTTP signatures draft Kong's format comes from.
 *
 * @param username  the credential's username
 * @param algorithm the algorithm's name, such as {@code hmac-sha256}
 * @param headers   the signed header names (and {@code @request-target} or {@code request-line}), in order
 * @param signature the signature, base64 as sent
 */
record SignatureParams(String username, String algorithm, List<String> headers, String signature) {

    /** The scheme, compared without regard to case. */
    static final String SCHEME = "hmac";
    /** Bounds the work a client can ask for: more parameters or signed headers than any signature needs. */
    private static final int MAX_PARAMS = 10;
    private static final int MAX_HEADERS = 50;

    /** Whether a field's value is a credential of this scheme: {@code hmac} and a space, in any case. */
    static boolean isHmac(String value) {
        return value.length() > SCHEME.length() && value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && (value.charAt(SCHEME.length()) == ' ' || value.charAt(SCHEME.length()) == '\t');
    }

    /**
     * @param value a field value that {@link #isHmac} accepted
     * @return the parameters, or empty when they are malformed, repeated, or miss one that is required
     */
    static Optional<SignatureParams> parse(String value) {
        Map<String, String> params = new HashMap<>();
        int at = skipSpace(value, SCHEME.length());
        while (at < value.length()) {
            int nameEnd = at;
            while (nameEnd < value.length() && isTokenChar(value.charAt(nameEnd))) {
                nameEnd++;
            }
            int eq = skipSpace(value, nameEnd);
            if (nameEnd == at || eq >= value.length() || value.charAt(eq) != '=') {
                return Optional.empty();
            }
            String name = value.substring(at, nameEnd).toLowerCase(Locale.ROOT);
            StringBuilder text = new StringBuilder();
            at = skipSpace(value, eq + 1);
            if (at < value.length() && value.charAt(at) == '"') {
                at = quoted(value, at + 1, text);
                if (at < 0) {
                    return Optional.empty();
                }
            } else {
                int start = at;
                while (at < value.length() && isTokenChar(value.charAt(at))) {
                    at++;
                }
                if (at == start) {
                    return Optional.empty();
                }
                text.append(value, start, at);
            }
            if (params.put(name, text.toString()) != null || params.size() > MAX_PARAMS) {
                return Optional.empty();
            }
            at = skipSpace(value, at);
            if (at < value.length()) {
                if (value.charAt(at) != ',') {
                    return Optional.empty();
                }
                at = skipSpace(value, at + 1);
            }
        }
        String username = params.get("username");
        String algorithm = params.get("algorithm");
        String signature = params.get("signature");
        if (username == null || username.isEmpty() || algorithm == null || signature == null) {
            return Optional.empty();
        }
        String signed = params.getOrDefault("headers", "date").strip();
        List<String> headers = signed.isEmpty() ? List.of()
                : Arrays.stream(signed.split("[ \t]+")).map(name -> name.toLowerCase(Locale.ROOT)).toList();
        if (headers.isEmpty() || headers.size() > MAX_HEADERS || headers.stream().distinct().count() < headers.size()) {
            return Optional.empty();
        }
        return Optional.of(new SignatureParams(username, algorithm.toLowerCase(Locale.ROOT), headers, signature));
    }

    /** Reads a quoted string's content after its opening quote; returns the index after the closing quote, or -1. */
    private static int quoted(String value, int at, StringBuilder text) {
        while (at < value.length()) {
            char c = value.charAt(at++);
            if (c == '"') {
                return at;
            }
            if (c == '\\') {
                if (at >= value.length()) {
                    return -1;
                }
                c = value.charAt(at++);
            }
            text.append(c);
        }
        return -1;
    }

    private static int skipSpace(String value, int at) {
        while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    /** RFC 9110's tchar. */
    private static boolean isTokenChar(char c) {
        return c < 0x7f && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}
