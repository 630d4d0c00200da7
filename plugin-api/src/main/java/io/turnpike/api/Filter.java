package io.turnpike.api;

/**
 * One plugin's work on one route: look at the request, then either answer at once or pass the request on
 * with {@link Chain#proceed(Request)} and look at the response that comes back.
 *
 * <p>Filters run on a virtual thread per request, so plain blocking code is right here: no reactive
 * types, no thread pools of your own. A filter instance is shared by all requests on its route, so it
 * must be thread-safe; per-request state belongs in local variables or {@link Exchange} attributes.
 *
 * <p>To refuse a request, throw {@link ProblemException}; the gateway turns it into an
 * {@code application/problem+json} answer that the plugins before this one still see. Any other
 * exception becomes a 500 that names the plugin in the log, never the client's answer.
 */
@FunctionalInterface
public interface Filter extends AutoCloseable {

    /**
     * Handles one request.
     *
     * @param exchange what is known about this request beyond the request itself
     * @param chain    the request as it reaches this filter, and the way on
     * @return the response to hand back towards the client
     * @throws Exception on failure; the gateway answers 500 and logs the request id
     */
    Response handle(Exchange exchange, Chain chain) throws Exception;

    /** Releases what {@link GatewayPlugin#create} acquired. The default does nothing. */
    @Override
    default void close() {
    }
}
