package io.turnpike.plugins.ratelimit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import io.lettuce.core.RedisURI;

/** The {@code redis.url} of a config: checked when the config is loaded, and shown without its password. */
final class RedisAddress {

    private RedisAddress() {
    }

    /** What is wrong with a URL, in the words of a config error; empty when it is usable. */
    static Optional<String> problemWith(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            return Optional.of("must start with redis:// (or rediss:// for TLS), such as redis://127.0.0.1:6379/0;"
                    + " got " + (uri.getScheme() == null ? "no scheme" : uri.getScheme() + "://"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("needs a host, such as redis://redis.internal:6379");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("takes no query or fragment: the other redis keys set what Lettuce's URL parameters would");
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,5}")) {
            return Optional.of("may end with a database number only, such as /0; got " + path);
        }
        return Optional.empty();
    }

    /** Whether the URL asks for TLS. */
    static boolean isTls(String url) {
        return url.startsWith("rediss://");
    }

    /** Whether the URL carries credentials of its own. */
    static boolean hasCredentials(String url) {
        try {
            return new URI(url).getRawUserInfo() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The URL, host, port and database only: for logs and messages. */
    static String withoutCredentials(String url) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return "(an invalid URL)";
        }
    }

    /** Lettuce's form of checked settings, with the credentials given beside the URL applied. */
    static RedisURI of(RedisSettings settings) {
        RedisURI uri = RedisURI.create(settings.url());
        if (settings.password() != null) {
            uri.setAuthentication(settings.username(), settings.password());
        }
        uri.setTimeout(settings.timeout());
        return uri;
    }
}
