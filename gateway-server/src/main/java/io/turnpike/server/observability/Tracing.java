package io.turnpike.server.observability;

import io.turnpike.api.Headers;

/** Starts each request's span; {@link #OFF} when no trace is exported. */
@FunctionalInterface
public interface Tracing {

    /** No tracing: every request gets {@link RequestSpan#NONE}. */
    Tracing OFF = (method, path, requestId, headers) -> RequestSpan.NONE;

    /**
     * @param method    the request's method
     * @param path      its path, as routed
     * @param requestId its request id
     * @param headers   its headers, where the client's trace context is read
     * @return the request's span
     */
    RequestSpan begin(String method, String path, String requestId, Headers headers);
}
