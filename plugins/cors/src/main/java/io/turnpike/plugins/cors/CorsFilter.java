package io.turnpike.plugins.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * One route's CORS: answers preflights itself, and puts the {@code Access-Control-*} fields on the answers to
 * other requests from an allowed origin. The route's policy is the only one: such fields from the upstream are
 * replaced, so that a browser never sees two policies for one answer.
 */
final class CorsFilter implements Filter {

    private static final String ORIGIN = "Origin";
    private static final String REQUEST_METHOD = "Access-Control-Request-Method";
    private static final String REQUEST_HEADERS = "Access-Control-Request-Headers";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    private static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    private static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    private static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    private static final String MAX_AGE = "Access-Control-Max-Age";

    private final AllowedOrigins origins;
    private final List<String> methods;
    /** Lower case; null to allow whatever a preflight asks for. */
    private final Set<String> allowedHeaders;
    private final String exposedHeaders;
    private final boolean credentials;
    private final String maxAgeSeconds;

    CorsFilter(CorsConfig config) {
        this.origins = AllowedOrigins.of(config.origins());
        this.methods = config.methods();
        this.allowedHeaders = config.headers() == null ? null
                : config.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.exposedHeaders = String.join(", ", config.exposedHeaders());
        this.credentials = config.credentials();
        this.maxAgeSeconds = Long.toString(config.maxAge().toSeconds());
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        Optional<String> origin = request.headers().first(ORIGIN);
        if (origin.isEmpty()) {
            // not a browser's cross-origin call: nothing to allow or refuse
            return chain.proceed();
        }
        if ("OPTIONS".equals(request.method()) && request.headers().contains(REQUEST_METHOD)) {
            return preflight(request, origin.get());
        }
        return allowed(chain.proceed(), origin.get());
    }

    /**
     * The browser asks before a call it may not make unasked (a PUT, a JSON POST, a custom field): answered
     * here, never by the upstream, and before any authentication, since a preflight carries no credentials.
     */
    private Response preflight(Request request, String origin) {
        if (!origins.allows(origin)) {
            throw refused("Pages of origin " + origin + " may not call this route.");
        }
        String method = request.headers().first(REQUEST_METHOD).orElseThrow().strip();
        if (!methods.contains(method)) {
            throw refused("Method " + method + " is not allowed from other origins here; allowed: "
                    + String.join(", ", methods) + ".");
        }
        List<String> asked = requestedHeaders(request);
        if (allowedHeaders != null) {
            List<String> refused = asked.stream().filter(h -> !allowedHeaders.contains(h.toLowerCase(Locale.ROOT))).toList();
            if (!refused.isEmpty()) {
                throw refused("Header " + String.join(", ", refused) + " is not allowed from other origins here.");
            }
        }
        Headers.Builder headers = originFields(origin).toBuilder()
                .set(ALLOW_METHODS, String.join(", ", methods))
                .set(MAX_AGE, maxAgeSeconds)
                .add("Vary", REQUEST_METHOD)
                .add("Vary", REQUEST_HEADERS);
        if (!asked.isEmpty()) {
            headers.set(ALLOW_HEADERS, String.join(", ", asked));
        }
        return new Response(204, headers.build(), Body.empty());
    }

    /** The answer to a call from another origin: the route's policy replaces whatever the upstream said. */
    private Response allowed(Response response, String origin) {
        Headers.Builder headers = response.headers().toBuilder()
                .remove(ALLOW_ORIGIN).remove(ALLOW_CREDENTIALS).remove(EXPOSE_HEADERS)
                .remove(ALLOW_METHODS).remove(ALLOW_HEADERS).remove(MAX_AGE);
        if (origins.allows(origin)) {
            originFields(origin).forEach(headers::set);
            if (!exposedHeaders.isEmpty()) {
                headers.set(EXPOSE_HEADERS, exposedHeaders);
            }
        }
        if (!origins.any() || credentials) {
            // the answer depends on the Origin asked with: a shared cache must keep one per origin
            headers.add("Vary", ORIGIN);
        }
        return response.withHeaders(headers.build());
    }

    /** Which origin may read the answer, and whether with credentials. */
    private Headers originFields(String origin) {
        // "*" cannot go with credentials (the Fetch standard refuses it), so then the origin is named
        Headers fields = Headers.of(ALLOW_ORIGIN, origins.any() && !credentials ? "*" : origin);
        return credentials ? fields.with(ALLOW_CREDENTIALS, "true") : fields;
    }

    private static List<String> requestedHeaders(Request request) {
        List<String> names = new ArrayList<>();
        for (String value : request.headers().all(REQUEST_HEADERS)) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(403, detail);
    }
}
