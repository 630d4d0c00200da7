package io.turnpike.plugins.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The origins a route allows, as the {@code Origin} field names them (RFC 6454: scheme, host and port, no
 * path): exact ones, ones with a {@code *.} for any subdomain, or any origin at all.
 */
final class AllowedOrigins {

    private final boolean any;
    private final List<String> exact;
    /** For {@code https://*.example.com}: the scheme prefix and the suffix after the star, {@code .example.com}. */
    private final List<String[]> wildcards;

    private AllowedOrigins(boolean any, List<String> exact, List<String[]> wildcards) {
        this.any = any;
        this.exact = exact;
        this.wildcards = wildcards;
    }

    /**
     * @param entries entries that {@link #problem} accepts
     * @return the origins
     */
    static AllowedOrigins of(List<String> entries) {
        boolean any = entries.contains("*");
        List<String> exact = entries.stream().filter(e -> !e.contains("*")).map(AllowedOrigins::normalised).toList();
        List<String[]> wildcards = entries.stream().filter(e -> e.contains("*.")).map(e -> {
            String lower = e.toLowerCase(Locale.ROOT);
            int star = lower.indexOf("*.");
            return new String[] {lower.substring(0, star), lower.substring(star + 1)};
        }).toList();
        return new AllowedOrigins(any, exact, wildcards);
    }

    /** @return whether every origin is allowed */
    boolean any() {
        return any;
    }

    /**
     * @param origin an {@code Origin} field's value
     * @return whether pages of that origin may call the route
     */
    boolean allows(String origin) {
        if (any) {
            return true;
        }
        String candidate = origin.toLowerCase(Locale.ROOT);
        if (exact.contains(candidate)) {
            return true;
        }
        for (String[] wildcard : wildcards) {
            // https://*.example.com takes https://a.example.com and https://a.b.example.com, not https://example.com
            if (candidate.startsWith(wildcard[0]) && candidate.endsWith(wildcard[1])
                    && candidate.length() > wildcard[0].length() + wildcard[1].length()
                    && candidate.indexOf('/', wildcard[0].length()) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param entry a configured origin
     * @return what is wrong with it, or null when it is a valid entry
     */
    static String problem(String entry) {
        if (entry == null || entry.isBlank()) {
            return "must not be empty";
        }
        if (entry.equals("*")) {
            return null;
        }
        String checked = entry.replace("*.", "wildcard.");
        if (entry.contains("*") && (!entry.contains("://*.") || entry.indexOf('*') != entry.lastIndexOf('*'))) {
            return "'" + entry + "' may hold one '*', as the first label of the host (https://*.example.com),"
                    + " or be '*' alone";
        }
        URI uri;
        try {
            uri = new URI(checked);
        } catch (URISyntaxException e) {
            return "'" + entry + "' is not an origin such as https://app.example.com";
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return "'" + entry + "' is not an origin: a scheme and a host, with an optional port and nothing after"
                    + " (https://app.example.com, http://localhost:3000)";
        }
        return null;
    }

    private static String normalised(String origin) {
        return origin.toLowerCase(Locale.ROOT);
    }
}
