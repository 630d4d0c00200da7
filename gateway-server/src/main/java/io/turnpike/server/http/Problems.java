package io.turnpike.server.http;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.api.Body;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Response;

/**
 * Renders RFC 9457 problem details: the only shape of error a client of the gateway ever sees.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * A problem answer.
     *
     * @param status    the status code
     * @param detail    a sentence for the client
     * @param requestId the request id, written as {@code instance}
     * @return the response
     */
    public static Response response(int status, String detail, String requestId) {
        return response(new ProblemException(status, detail), requestId);
    }

    /**
     * The answer for a problem thrown by a filter or raised by the gateway.
     *
     * @param problem   the problem
     * @param requestId the request id, written as {@code instance}
     * @return the response
     */
    public static Response response(ProblemException problem, String requestId) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail())
                .put("instance", "urn:request:" + requestId);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Headers headers = problem.headers().toBuilder()
                .set("Content-Type", CONTENT_TYPE)
                .set("Content-Length", Integer.toString(bytes.length))
                .build();
        return new Response(problem.status(), headers, Body.of(bytes));
    }
}
