package io.turnpike.plugins.ratelimit;

import java.util.List;
import java.util.function.LongSupplier;

import io.turnpike.api.Chain;
import io.turnpike.api.Counter;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.Headers;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Asks the store whether the request's key has room, answers 429 when it has not, and marks every answer
 * it passes back with where the key stands.
 */
final class RateLimitFilter implements Filter {

    private final List<Limit> limits;
    private final RateLimitKeys keys;
    private final CounterStore store;
    private final Runnable release;
    private final RateLimitHeaders headers;
    private final LongSupplier clockMillis;
    private final Counter rejected;

    /**
     * @param release runs when the filter closes: lets go of the route's store, which the route's next filter
     *                may still hold (nothing for the plugin-wide global store)
     */
    RateLimitFilter(List<Limit> limits, RateLimitKeys keys, CounterStore store, Runnable release,
                    RateLimitHeaders headers, LongSupplier clockMillis, Counter rejected) {
        this.limits = limits;
        this.keys = keys;
        this.store = store;
        this.release = release;
        this.headers = headers;
        this.clockMillis = clockMillis;
        this.rejected = rejected;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        Decision decision;
        try {
            decision = store.tryAcquire(keys.keyOf(exchange, request), limits, clockMillis.getAsLong());
        } catch (CounterStoreException e) {
            throw new ProblemException(503, "Service Unavailable",
                    "The rate limit of this route cannot be checked now; try again shortly.",
                    Headers.builder().set("Retry-After", "1").build());
        }
        if (!decision.counted()) {
            return chain.proceed();
        }
        if (!decision.allowed()) {
            rejected.increment();
            Headers.Builder refusal = Headers.builder();
            headers.write(refusal, decision);
            long seconds = RateLimitHeaders.seconds(RateLimitHeaders.reported(decision).retryAfterMillis());
            throw new ProblemException(429, "Too Many Requests",
                    "The rate limit of this route is used up; try again in " + seconds + " s.", refusal.build());
        }
        Response response = chain.proceed();
        Headers.Builder marked = response.headers().toBuilder();
        headers.write(marked, decision);
        return response.withHeaders(marked.build());
    }

    @Override
    public void close() {
        release.run();
    }
}
