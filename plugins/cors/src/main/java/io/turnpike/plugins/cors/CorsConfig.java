package io.turnpike.plugins.cors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A route's {@code cors} config, as written in YAML; the defaults are those of {@code docs/plugins/cors.md}.
 *
 * @param origins        the origins whose pages may call the route: {@code https://app.example.com},
 *                       {@code https://*.example.com} for its subdomains, or {@code *} for any; at least one
 * @param methods        the methods a preflight may ask for
 * @param headers        the request fields a preflight may ask for; absent, whatever the preflight asks for
 * @param exposedHeaders the answer's fields, beyond the always-readable ones, that pages may read
 * @param credentials    whether pages may send cookies and credentials, and read the answers to them
 * @param maxAge         how long a browser may keep a preflight's answer
 */
public record CorsConfig(List<String> origins,
                         List<String> methods,
                         List<String> headers,
                         List<String> exposedHeaders,
                         Boolean credentials,
                         Duration maxAge) {

    static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

    /** Fills in the defaults; {@code headers} stays absent when not given, meaning "what is asked for". */
    public CorsConfig {
        origins = origins == null ? List.of() : frozen(origins);
        methods = methods == null ? DEFAULT_METHODS : frozen(methods);
        headers = headers == null ? null : frozen(headers);
        exposedHeaders = exposedHeaders == null ? List.of() : frozen(exposedHeaders);
        credentials = credentials != null && credentials;
        maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
    }

    // List.copyOf refuses nulls; validation names a null item rather than failing here.
    private static <T> List<T> frozen(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
