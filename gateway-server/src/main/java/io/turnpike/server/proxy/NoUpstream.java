package io.turnpike.server.proxy;

import io.turnpike.api.Exchange;
import io.turnpike.api.Request;
import io.turnpike.api.Response;
import io.turnpike.server.http.Problems;
import io.turnpike.server.plugins.Upstream;

/**
 * The end of the chain of a route that names no upstream, because one of its plugins answers in its place
 * (see {@link io.turnpike.api.GatewayPlugin#answersInPlaceOfUpstream()}): a request that plugin passed on is
 * one nothing on the route answers.
 *
 * @param routeId the route, named in the answer
 */
public record NoUpstream(String routeId) implements Upstream {

    @Override
    public Response call(Exchange exchange, Request request) {
        return Problems.response(404, "Nothing on route '" + routeId + "' answers " + request.method() + " "
                + request.path() + ".", exchange.requestId());
    }
}
