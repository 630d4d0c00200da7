package io.turnpike.plugins.transformer;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Which header names a route's config may name, and why the others are refused. */
final class HeaderNames {

    /** RFC 9110 section 5.6.2: the characters of a token besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    /** RFC 9110 section 7.6.1; {@code Proxy-*} is matched by prefix. */
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

    private HeaderNames() {
    }

    /**
     * What is wrong with a name, phrased to follow "is", such as {@code is not a valid header name}.
     *
     * @param name a header name from the config, possibly null
     * @return the problem, or empty when the plugin may touch the header
     */
    static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("empty, and a header name needs at least one character");
        }
        if (!isToken(name)) {
            return Optional.of("not a valid header name: only letters, digits and " + TOKEN_SYMBOLS + " may appear in one");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (HOP_BY_HOP.contains(lower) || lower.startsWith("proxy-")) {
            return Optional.of("a hop-by-hop header: it describes one connection, and the gateway writes its own"
                    + " for each hop");
        }
        if (lower.equals("host")) {
            return Optional.of("managed by the gateway, which sends the target's host, or the client's with"
                    + " preserve-host: true");
        }
        if (lower.equals("content-length")) {
            return Optional.of("managed by the gateway, which derives it from the body; a wrong one would corrupt"
                    + " the message framing");
        }
        return Optional.empty();
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
