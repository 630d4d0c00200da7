package io.turnpike.api;

import java.util.Objects;

/**
 * An immutable HTTP response on its way back along a route's chain.
 *
 * @param status  the status code, 100 to 599
 * @param headers the header fields, without hop-by-hop fields
 * @param body    the body; streamed when it comes from the upstream
 */
public record Response(int status, Headers headers, Body body) {

    /** Checks the status and that no part is missing. */
    public Response {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100 to 599: " + status);
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /**
     * A response with a status and nothing else.
     *
     * @param status the status code
     * @return the response
     */
    public static Response of(int status) {
        return new Response(status, Headers.empty(), Body.empty());
    }

    /**
     * This response with another status.
     *
     * @param newStatus the status code
     * @return a new response
     */
    public Response withStatus(int newStatus) {
        return new Response(newStatus, headers, body);
    }

    /**
     * This response with other headers.
     *
     * @param newHeaders the headers
     * @return a new response
     */
    public Response withHeaders(Headers newHeaders) {
        return new Response(status, newHeaders, body);
    }

    /**
     * This response with another body. Set or remove {@code Content-Length} to match: the gateway
     * derives it from {@link Body#length()} when it is known.
     *
     * @param newBody the body
     * @return a new response
     */
    public Response withBody(Body newBody) {
        return new Response(status, headers, newBody);
    }
}
