package io.turnpike.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable HTTP request as the gateway passes it along a route's chain.
 *
 * <p>{@link #path()} is the normalised path the router matched: dot segments removed, repeated slashes
 * merged, percent-encoded unreserved characters decoded, other percent-encodings kept. To change a request,
 * make a new one with a {@code with...} method and pass it to {@link Chain#proceed(Request)}.
 *
 * @param method  the method, upper case as sent, such as {@code GET}
 * @param path    the normalised, still percent-encoded path, starting with {@code /}
 * @param query   the raw query without the {@code ?}, empty when there is none
 * @param headers the header fields, without hop-by-hop fields
 * @param body    the body, empty for requests without one
 */
public record Request(String method, String path, String query, Headers headers, Body body) {

    /** Checks that no part is missing. */
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The first value of a query parameter, percent-decoded.
     *
     * @param name the parameter's name, compared as decoded text
     * @return the value (empty text for {@code ?flag}), or empty when absent
     */
    public Optional<String> queryParam(String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!pair.isEmpty() && decode(key).equals(name)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /**
     * This request with every occurrence of a query parameter removed; the other pairs keep their raw form.
     *
     * @param name the parameter's name, compared as decoded text
     * @return a new request
     */
    public Request withoutQueryParam(String name) {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!pair.isEmpty() && !decode(key).equals(name)) {
                kept.add(pair);
            }
        }
        return withQuery(String.join("&", kept));
    }

    /**
     * This request with another method.
     *
     * @param newMethod the method
     * @return a new request
     */
    public Request withMethod(String newMethod) {
        return new Request(newMethod, path, query, headers, body);
    }

    /**
     * This request with another path, which the gateway forwards as given.
     *
     * @param newPath the percent-encoded path, starting with {@code /}
     * @return a new request
     */
    public Request withPath(String newPath) {
        if (!newPath.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + newPath);
        }
        return new Request(method, newPath, query, headers, body);
    }

    /**
     * This request with another raw query.
     *
     * @param newQuery the query without {@code ?}, empty for none
     * @return a new request
     */
    public Request withQuery(String newQuery) {
        return new Request(method, path, newQuery, headers, body);
    }

    /**
     * This request with other headers.
     *
     * @param newHeaders the headers
     * @return a new request
     */
    public Request withHeaders(Headers newHeaders) {
        return new Request(method, path, query, newHeaders, body);
    }

    /**
     * This request with another body. The gateway sends {@code Content-Length} from
     * {@link Body#length()} when it is known, else chunks the body.
     *
     * @param newBody the body
     * @return a new request
     */
    public Request withBody(Body newBody) {
        return new Request(method, path, query, headers, newBody);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
