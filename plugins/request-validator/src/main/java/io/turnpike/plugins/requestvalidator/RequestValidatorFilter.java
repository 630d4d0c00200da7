package io.turnpike.plugins.requestvalidator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Checks each request against the route's schemas and lets on only those that match. Headers and query parameters
 * are checked first, as they cost no reading; the body is read (up to its bound) only on a route with a body
 * schema, and what was read goes on to the upstream unchanged.
 */
final class RequestValidatorFilter implements Filter {

    /** Methods whose requests usually carry no body: one is checked when present, and not required. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS", "DELETE");

    private final PartSchema body;
    private final PartSchema query;
    private final PartSchema headers;
    private final List<String> contentTypes;
    private final int maxBodyBytes;
    private final ObjectMapper json;
    private final ValidationAnswer answer;
    private final Counter rejected;

    /**
     * @param body         the body's schema, or null
     * @param query        the query parameters' schema, or null
     * @param headers      the headers' schema, or null
     * @param contentTypes the media types a body may have, lower case; empty for JSON's
     * @param maxBodyBytes the largest body read
     * @param json         parses bodies and writes answers
     * @param answer       the 400 answer
     * @param rejected     counts the requests refused
     */
    RequestValidatorFilter(PartSchema body, PartSchema query, PartSchema headers, List<String> contentTypes,
                           int maxBodyBytes, ObjectMapper json, ValidationAnswer answer, Counter rejected) {
        this.body = body;
        this.query = query;
        this.headers = headers;
        this.contentTypes = List.copyOf(contentTypes);
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
        this.answer = answer;
        this.rejected = rejected;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        List<Violation> violations = new ArrayList<>();
        Request checked;
        try {
            if (headers != null) {
                violations.addAll(headers.violations(RequestParts.headers(request.headers())));
            }
            if (query != null) {
                violations.addAll(query.violations(RequestParts.query(request.query())));
            }
            checked = body == null ? request : checkBody(request, violations);
        } catch (ProblemException refused) {
            rejected.increment();
            throw refused;
        }
        if (!violations.isEmpty()) {
            rejected.increment();
            return answer.of(violations, exchange.requestId());
        }
        return chain.proceed(checked);
    }

    /** @return the request with the body that was read, to go on if it matches */
    private Request checkBody(Request request, List<Violation> violations) {
        byte[] bytes = request.body().length() == 0 ? new byte[0] : null;
        if (bytes == null) {
            mediaType(request);
            bytes = request.body().bytes(maxBodyBytes);
        }
        if (bytes.length == 0) {
            if (!BODILESS.contains(request.method())) {
                violations.add(new Violation("body", "", "a JSON body is required"));
            }
            return request.withBody(Body.empty());
        }
        violations.addAll(body.violations(parse(bytes)));
        return request.withBody(Body.of(bytes));
    }

    private void mediaType(Request request) {
        String type = request.headers().first("Content-Type")
                .map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        boolean json = type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
        if (contentTypes.isEmpty() ? !json : !contentTypes.contains(type)) {
            throw new ProblemException(415, "This route takes a body of type "
                    + (contentTypes.isEmpty() ? "application/json" : String.join(", ", contentTypes))
                    + (type.isEmpty() ? ", and the request names none." : ", not " + type + "."));
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            JsonNode document = json.readTree(bytes);
            if (document.isMissingNode()) {
                throw new ProblemException(400, "The request body is not valid JSON: it holds only white space.");
            }
            return document;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ProblemException(400, "The request body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ".");
        } catch (IOException e) {
            throw new ProblemException(400, "The request body could not be read as JSON.");
        }
    }
}
