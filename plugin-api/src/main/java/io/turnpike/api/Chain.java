package io.turnpike.api;

/**
 * The rest of a route's chain, as seen from one filter.
 *
 * <p>A filter calls {@link #proceed} at most once. Requests are immutable: to change one, build a new one
 * from {@link #request()} and pass it on.
 */
public interface Chain {

    /**
     * The request as it reaches this filter, after the changes made by the filters before it.
     *
     * @return the request
     */
    Request request();

    /**
     * Passes a request to the next filter, or to the upstream after the last one.
     * Upstream failures come back as responses (502, 503 or 504), never as exceptions.
     *
     * @param request the request to pass on
     * @return the response from further down the chain
     * @throws IllegalStateException when called a second time by the same filter
     */
    Response proceed(Request request);

    /**
     * Passes the request on unchanged.
     *
     * @return the response from further down the chain
     */
    default Response proceed() {
        return proceed(request());
    }
}
