package io.turnpike.plugins.transformer;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Rewrites the request's headers, query, path and JSON body on its way to the upstream. Holds only the validated
 * config and values derived from it, so one instance serves every request on the route. Reads the body only on a
 * route with JSON edits, and only a JSON one.
 */
final class RequestTransformerFilter implements Filter {

    private final RequestTransformerConfig config;
    private final HeaderEdits headerEdits;
    private final List<QueryParam> queryAdditions;
    private final Optional<PathRewriter> pathRewriter;
    private final JsonEdits jsonEdits;
    private final ObjectMapper json = new ObjectMapper();

    RequestTransformerFilter(RequestTransformerConfig config) {
        this.config = config;
        this.jsonEdits = config.jsonEdits();
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
        if (!jsonEdits.isEmpty() && JsonEdits.describeJson(result.headers()) && result.body().length() != 0) {
            result = editJson(result);
        }
        return result;
    }

    /**
     * The request with its JSON body edited. A body the edits cannot be sure to reach is refused rather than passed
     * on unedited, since an edit may be what keeps a field from the upstream: one over {@code max-body-size} (413),
     * or a compressed one (415). A body that is not JSON after all goes on as it came.
     */
    private Request editJson(Request request) {
        if (!request.headers().first("Content-Encoding").orElse("identity").strip().equalsIgnoreCase("identity")) {
            throw new ProblemException(415, "This route edits JSON request bodies, which must come uncompressed.");
        }
        byte[] read = request.body().bytes(config.maxBodySize());
        JsonNode root;
        try {
            root = read.length == 0 ? null : json.readTree(read);
        } catch (IOException notJson) {
            return request.withBody(Body.of(read));
        }
        if (root == null || !jsonEdits.apply(root)) {
            return request.withBody(Body.of(read));
        }
        byte[] edited;
        try {
            edited = json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree could not be written", e);
        }
        return request.withHeaders(request.headers().with("Content-Length", Integer.toString(edited.length)))
                .withBody(Body.of(edited));
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
