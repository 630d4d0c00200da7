package io.turnpike.plugins.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** What a plugin accepts as the URL of a service it calls. */
public final class ServiceUrls {

    private ServiceUrls() {
    }

    /**
     * @param url the configured URL, not null
     * @return what is wrong with it, for a config error at its key; empty when it is an {@code http://} or
     *         {@code https://} URL of a host, with an optional port, path and query
     */
    public static Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return Optional.of("must start with http:// or https://, got " + url);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must be a host, an optional port, path and query, without credentials or fragment");
        }
        return Optional.empty();
    }
}
