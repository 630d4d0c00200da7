package io.turnpike.plugins.requesttermination;

import java.nio.charset.StandardCharsets;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Answers each request with the configured answer, unless a {@code trigger} is set and the request does not carry
 * it. The request's body is never read: the answer goes out at once, and the gateway discards what the client was
 * still sending.
 */
final class Termination implements Filter {

    private final RequestTerminationConfig config;
    private final Headers headers;
    private final byte[] body;
    private final Counter terminated;

    /**
     * @param config     a validated config
     * @param terminated counts the requests answered
     */
    Termination(RequestTerminationConfig config, Counter terminated) {
        this.config = config;
        Headers.Builder fields = Headers.builder();
        config.headers().forEach(fields::add);
        this.body = config.body() == null ? null : config.body().getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            String type = config.contentType() == null ? "text/plain; charset=utf-8" : config.contentType();
            fields.set("Content-Type", type).set("Content-Length", Integer.toString(body.length));
        }
        this.headers = fields.build();
        this.terminated = terminated;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        if (config.trigger() != null && !request.headers().contains(config.trigger())
                && request.queryParam(config.trigger()).isEmpty()) {
            return chain.proceed();
        }
        terminated.increment();
        if (body == null) {
            String title = new ProblemException(config.status(), "").title();
            throw new ProblemException(config.status(), title,
                    config.message() == null ? RequestTerminationConfig.DEFAULT_MESSAGE : config.message(), headers);
        }
        return new Response(config.status(), headers, Body.of(body));
    }
}
