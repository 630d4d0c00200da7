package io.turnpike.plugins.transformer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Rewrites the request's headers, query and path on its way to the upstream. Holds only the validated config and
 * values derived from it, so one instance serves every request on the route. Never reads the body.
 */
final class RequestTransformerFilter implements Filter {

    private final RequestTransformerConfig config;
    private final HeaderEdits headerEdits;
    private final List<QueryParam> queryAdditions;
    private final Optional<PathRewriter> pathRewriter;

    RequestTransformerFilter(RequestTransformerConfig config) {
        this.config = config;
        this.pathRewriter = Optional.ofNullable(config.rewritePath()).map(PathRewriter::new);
        this.headerEdits = config.headerEdits();
        this.queryAdditions = config.addQueryParams().entrySet().stream()
                .map(param -> QueryParam.of(param.getKey(), param.getValue()))
                .toList();
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        return chain.proceed(transform(chain.request()));
    }

    /** The request with every operation applied; the very same request when none changed anything. */
    Request transform(Request request) {
        Request result = request;
        if (!headerEdits.isEmpty()) {
            Headers headers = headerEdits.apply(request.headers());
            if (headers != request.headers()) {
                result = result.withHeaders(headers);
            }
        }
        for (String name : config.removeQueryParams()) {
            // Only when present: withoutQueryParam rebuilds the query, which would tidy an untouched one.
            if (result.queryParam(name).isPresent()) {
                result = result.withoutQueryParam(name);
            }
        }
        result = addQueryParams(result);
        if (pathRewriter.isPresent()) {
            Request query = result;
            result = pathRewriter.get().rewrite(query.path()).map(query::withPath).orElse(query);
        }
        return result;
    }

    private Request addQueryParams(Request request) {
        StringBuilder query = new StringBuilder(request.query());
        for (QueryParam param : queryAdditions) {
            if (request.queryParam(param.name()).isEmpty()) {
                query.append(query.isEmpty() ? "" : "&").append(param.encoded());
            }
        }
        return query.length() == request.query().length() ? request : request.withQuery(query.toString());
    }

    /** A parameter to add, encoded once when the route is loaded. */
    private record QueryParam(String name, String encoded) {

        static QueryParam of(String name, String value) {
            return new QueryParam(name, encode(name) + "=" + encode(value));
        }

        // URLEncoder writes a space as '+', which RFC 3986 readers take literally; %20 means space to all.
        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
