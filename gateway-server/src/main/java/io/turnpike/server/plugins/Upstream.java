package io.turnpike.server.plugins;

import io.turnpike.api.Exchange;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * What a route's chain calls after its last filter: the proxy to the route's upstream.
 */
@FunctionalInterface
public interface Upstream {

    /**
     * Sends the request upstream. Upstream failures should come back as responses (502, 503 or 504),
     * as {@link io.turnpike.api.Chain#proceed} promises plugins; an exception is still caught and answered 500.
     *
     * @param exchange what is known about the request
     * @param request  the request as the last filter passed it on
     * @return the upstream's response
     */
    Response call(Exchange exchange, Request request);
}
