package io.turnpike.plugins.requestsizelimit;

import io.turnpike.api.Body;
import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Refuses a declared length over the limit at once; counts a body of unknown length as it streams, so the
 * body is never buffered and the limit holds wherever it is read (by a later plugin or on its way upstream).
 */
final class RequestSizeLimitFilter implements Filter {

    private final long maxBytes;

    RequestSizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        long length = request.body().length();
        if (length > maxBytes) {
            throw tooLarge();
        }
        if (length >= 0) {
            // the server holds a streamed body to its Content-Length, so it cannot grow past what was declared
            return chain.proceed();
        }
        return chain.proceed(request.withBody(Body.of(new LimitedInputStream(request.body().stream(), maxBytes,
                this::tooLarge), -1)));
    }

    private ProblemException tooLarge() {
        return new ProblemException(413, "The request body is larger than the " + maxBytes
                + " bytes this route accepts.");
    }
}
