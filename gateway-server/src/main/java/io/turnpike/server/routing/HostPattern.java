package io.turnpike.server.routing;

import java.util.Locale;

/**
 * A route's host condition: any host, one host, or every subdomain of one ({@code *.example.com} takes
 * {@code a.example.com} and {@code a.b.example.com} but not {@code example.com}). Names compare
 * case-insensitively; the request's port and one trailing dot are ignored.
 *
 * @param kind  any, exact or wildcard
 * @param value the lower-case host for exact, the suffix starting with {@code .} for wildcard
 */
record HostPattern(Kind kind, String value) {

    enum Kind { ANY, EXACT, WILDCARD }

    static final HostPattern ANY = new HostPattern(Kind.ANY, "");

    /**
     * Parses a host condition.
     *
     * @param text the host from the config, or null for any host
     * @return the pattern
     * @throws IllegalArgumentException with a message that follows the config location
     */
    static HostPattern parse(String text) {
        if (text == null) {
            return ANY;
        }
        String host = text.toLowerCase(Locale.ROOT);
        if (host.startsWith("*.")) {
            checkName(text, host.substring(2));
            return new HostPattern(Kind.WILDCARD, host.substring(1));
        }
        if (host.contains("*")) {
            throw new IllegalArgumentException("\"" + text + "\" has a * other than a leading *.;"
                    + " write *.example.com for every subdomain, or leave host out for every host");
        }
        if (host.startsWith("[") && host.endsWith("]") && host.length() > 2
                && host.chars().skip(1).limit(host.length() - 2L)
                        .allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return new HostPattern(Kind.EXACT, host);
        }
        if (host.contains(":")) {
            throw new IllegalArgumentException("\"" + text + "\" has a port or is not a host name;"
                    + " the host is matched without the port");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        checkName(text, name);
        return new HostPattern(Kind.EXACT, name);
    }

    /**
     * Whether a request's host is taken.
     *
     * @param hostHeader the {@code Host} header (or {@code :authority}), may have a port; null when absent
     * @return whether the host is taken
     */
    boolean matches(String hostHeader) {
        if (kind == Kind.ANY) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        int end = hostEnd(hostHeader);
        int length = value.length();
        return kind == Kind.EXACT
                ? end == length && hostHeader.regionMatches(true, 0, value, 0, length)
                : end > length && hostHeader.regionMatches(true, end - length, value, 0, length);
    }

    /** Where the name ends: before a port, and before one trailing dot. Allocates nothing. */
    private static int hostEnd(String host) {
        int end = host.length();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? end : close + 1;
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            end = colon;
        }
        return end > 0 && host.charAt(end - 1) == '.' ? end - 1 : end;
    }

    private static void checkName(String text, String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a host name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                throw new IllegalArgumentException("\"" + text + "\" is not a host name: it has '" + c + "'");
            }
        }
    }
}
