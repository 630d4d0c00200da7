package io.turnpike.server.proxy;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.helidon.webclient.spi.DnsResolver;

/**
 * One server of an upstream.
 *
 * @param origin    scheme, host and port, such as {@code http://10.0.0.7:8080}
 * @param authority the {@code Host} value that names this target
 * @param basePath  a path prefix put before every forwarded path, empty or starting with {@code /}
 * @param address   the one address connections go to, for a target found in DNS; empty when the host is looked
 *                  up for each connection
 */
record Target(URI origin, String authority, String basePath, Optional<InetAddress> address) {

    static Target of(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = defaultPort(scheme);
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        String authority = uri.getPort() == -1 || port == defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new Target(URI.create(scheme + "://" + authority), authority, basePath, Optional.empty());
    }

    /**
     * This target at one of its host's addresses: connections go there, while {@code Host}, SNI and the
     * certificate check keep the name.
     *
     * @param resolved an address the host's name resolved to
     * @return the target pinned to it
     */
    Target at(InetAddress resolved) {
        return new Target(origin, authority, basePath, Optional.of(resolved));
    }

    /** @return whether the target is reached over TLS */
    boolean secure() {
        return "https".equals(origin.getScheme());
    }

    /** @return the port connections go to, the scheme's default when the URL names none */
    int port() {
        return origin.getPort() == -1 ? defaultPort(origin.getScheme()) : origin.getPort();
    }

    /**
     * How a connection finds the target's address.
     *
     * @param names the upstream client's resolver, for hosts looked up per connection
     * @return the resolver for this target's connections
     */
    DnsResolver resolver(DnsResolver names) {
        return address.<DnsResolver>map(pinned -> new PinnedAddressResolver(origin.getHost(), pinned))
                .orElseGet(() -> new LiteralAddressResolver(names));
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }
}
