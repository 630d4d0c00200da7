package io.turnpike.plugins.ratelimit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.stream.Collectors;

import io.lettuce.core.RedisURI;

/** The {@code redis.url} of a config: checked when the config is loaded, and shown without its password. */
final class RedisAddress {

    private static final String SENTINEL = "redis-sentinel://";
    private static final String SENTINEL_EXAMPLE = "redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/0#mymaster";
    private static final String NO_MASTER = "needs the master's name after #, such as"
            + " redis-sentinel://10.0.0.1:26379/0#mymaster";

    private RedisAddress() {
    }

    /** What is wrong with a URL, in the words of a config error; empty when it is usable. */
    static Optional<String> problemWith(String url) {
        if (url.startsWith(SENTINEL)) {
            return sentinelProblemWith(url);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            String got = uri.getScheme() == null ? "no scheme" : uri.getScheme() + "://";
            return Optional.of("must start with redis://, rediss:// (TLS) or redis-sentinel://, such as"
                    + " redis://127.0.0.1:6379/0; got " + got);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("needs a host, such as redis://redis.internal:6379");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("takes no query or fragment: the other redis keys set what Lettuce's URL parameters"
                    + " would");
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,5}")) {
            return Optional.of("may end with a database number only, such as /0; got " + path);
        }
        return Optional.empty();
    }

    /**
     * A Sentinel URL, as Lettuce reads it: {@code redis-sentinel://host[:port][,host[:port]...][/database]#master}.
     * It does not fit {@link URI}, whose authority has one host.
     */
    private static Optional<String> sentinelProblemWith(String url) {
        if (url.indexOf('?') >= 0) {
            return Optional.of("takes no query: the other redis keys set what Lettuce's URL parameters would");
        }
        if (url.indexOf('#') < 0 || url.endsWith("#")) {
            return Optional.of(NO_MASTER);
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            return Optional.of("is not a Sentinel URL such as " + SENTINEL_EXAMPLE + ": " + e.getMessage());
        }
        if (uri.getSentinels().isEmpty() || uri.getSentinels().stream().anyMatch(s -> s.getHost() == null
                || s.getHost().isEmpty())) {
            return Optional.of("needs the Sentinels' hosts, such as " + SENTINEL_EXAMPLE);
        }
        if (uri.getSentinelMasterId() == null || uri.getSentinelMasterId().isEmpty()) {
            return Optional.of(NO_MASTER);
        }
        return Optional.empty();
    }

    /** What keeps a usable URL from naming a node of a Redis Cluster: a Sentinel URL, or a database but 0. */
    static Optional<String> problemAsClusterNode(String url) {
        if (url.startsWith(SENTINEL)) {
            return Optional.of("takes a node of the cluster in redis.url, not Sentinels");
        }
        if (RedisURI.create(url).getDatabase() != 0) {
            return Optional.of("has database 0 only, and redis.url names another");
        }
        return Optional.empty();
    }

    /** Whether the URL asks for TLS. */
    static boolean isTls(String url) {
        return url.startsWith("rediss://");
    }

    /** Whether the URL carries credentials of its own. */
    static boolean hasCredentials(String url) {
        if (url.startsWith(SENTINEL)) {
            int end = url.indexOf('/', SENTINEL.length());
            return url.substring(SENTINEL.length(), end < 0 ? url.length() : end).contains("@");
        }
        try {
            return new URI(url).getRawUserInfo() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The URL, host, port and database only (with a Sentinel URL, the Sentinels and the master's name): for logs. */
    static String withoutCredentials(String url) {
        if (url.startsWith(SENTINEL)) {
            try {
                RedisURI uri = RedisURI.create(url);
                return SENTINEL + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
                        .collect(Collectors.joining(",")) + "/" + uri.getDatabase() + "#" + uri.getSentinelMasterId();
            } catch (RuntimeException e) {
                return "(an invalid URL)";
            }
        }
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
