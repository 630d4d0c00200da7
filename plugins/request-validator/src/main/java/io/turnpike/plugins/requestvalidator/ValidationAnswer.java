package io.turnpike.plugins.requestvalidator;

import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.Response;

/**
 * The 400 answer to a request that fails its schemas: RFC 9457 problem details, shaped as the gateway's own, with
 * an {@code errors} member listing each problem (RFC 9457's example of an extension member) unless the route is not
 * {@code verbose}.
 */
final class ValidationAnswer {

    /** A client that sends a thousand faults learns enough from the first ones; the answer stays small. */
    static final int MAX_LISTED = 20;

    private final ObjectMapper json;
    private final boolean verbose;

    ValidationAnswer(ObjectMapper json, boolean verbose) {
        this.json = json;
        this.verbose = verbose;
    }

    /**
     * @param violations each way the request fails, at least one
     * @param requestId  the request's id, written as {@code instance}
     * @return the answer
     */
    Response of(List<Violation> violations, String requestId) {
        ObjectNode problem = json.createObjectNode()
                .put("type", "about:blank")
                .put("title", "Bad Request")
                .put("status", 400)
                .put("detail", detail(violations))
                .put("instance", "urn:request:" + requestId);
        if (verbose) {
            ArrayNode errors = problem.putArray("errors");
            for (Violation violation : violations.subList(0, Math.min(MAX_LISTED, violations.size()))) {
                errors.addObject()
                        .put("in", violation.in())
                        .put("pointer", violation.pointer())
                        .put("detail", violation.message());
            }
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new Response(400, Headers.of("Content-Type", "application/problem+json",
                "Content-Length", Integer.toString(bytes.length)), Body.of(bytes));
    }

    private String detail(List<Violation> violations) {
        String count = violations.size() == 1 ? "1 problem" : violations.size() + " problems";
        String shown = !verbose ? ""
                : violations.size() > MAX_LISTED ? "; the first " + MAX_LISTED + " are listed in errors"
                : "; see errors";
        return "The request does not match the schema of this route: " + count + shown + ".";
    }
}
