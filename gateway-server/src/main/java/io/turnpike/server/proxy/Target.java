package io.turnpike.server.proxy;

import java.net.URI;

/**
 * One server of an upstream.
 *
 * @param origin    scheme, host and port, such as {@code http://10.0.0.7:8080}
 * @param authority the {@code Host} value that names this target
 * @param basePath  a path prefix put before every forwarded path, empty or starting with {@code /}
 */
record Target(URI origin, String authority, String basePath) {

    static Target of(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int defaultPort = defaultPort(scheme);
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        String authority = uri.getPort() == -1 || port == defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new Target(URI.create(scheme + "://" + authority), authority, basePath);
    }

    /** @return whether the target is reached over TLS */
    boolean secure() {
        return "https".equals(origin.getScheme());
    }

    /** @return the port connections go to, the scheme's default when the URL names none */
    int port() {
        return origin.getPort() == -1 ? defaultPort(origin.getScheme()) : origin.getPort();
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
