package io.turnpike.server.config;

/**
 * A limit on the requests in flight to one upstream, so that a slow upstream cannot tie up the whole
 * gateway. A request past the limit is answered 503 at once; nothing queues.
 *
 * @param maxConcurrentRequests the most requests in flight, counted until the response body is sent;
 *                              absent, there is no limit
 */
public record BulkheadConfig(Integer maxConcurrentRequests) {

    public static final BulkheadConfig DEFAULT = new BulkheadConfig(null);

    /** @return whether there is a limit */
    public boolean enabled() {
        return maxConcurrentRequests != null;
    }
}
