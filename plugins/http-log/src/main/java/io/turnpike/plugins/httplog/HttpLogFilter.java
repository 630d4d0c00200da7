package io.turnpike.plugins.httplog;

import java.time.Instant;
import java.util.function.Consumer;

import io.turnpike.api.Chain;
import io.turnpike.api.Exchange;
import io.turnpike.api.Filter;
import io.turnpike.api.ProblemException;
import io.turnpike.api.Request;
import io.turnpike.api.Response;

/**
 * Makes an entry of each request once its answer has been sent, and hands it to the shipper, which never blocks.
 * The answer streams through untouched but for the counting of its bytes.
 */
final class HttpLogFilter implements Filter {

    private final Consumer<LogEntry> shipper;
    private final LogEntry.Counters counters;
    private final Runnable release;

    /**
     * @param shipper  takes each entry, at once (a shipper's queue)
     * @param counters the route's counts of entries
     * @param release  lets go of the shipper when the filter closes
     */
    HttpLogFilter(Consumer<LogEntry> shipper, LogEntry.Counters counters, Runnable release) {
        this.shipper = shipper;
        this.counters = counters;
        this.release = release;
    }

    @Override
    public Response handle(Exchange exchange, Chain chain) {
        Request request = chain.request();
        Instant arrived = Instant.now();
        long started = System.nanoTime();
        Response response;
        try {
            response = chain.proceed();
        } catch (ProblemException problem) {
            log(exchange, request, arrived, started, problem.status(), 0);
            throw problem;
        } catch (RuntimeException failure) {
            log(exchange, request, arrived, started, 500, 0);
            throw failure;
        }
        // nothing will read a HEAD answer's body, or an empty one: the answer is sent with its head
        if (response.body().length() == 0 || "HEAD".equals(request.method())) {
            log(exchange, request, arrived, started, response.status(), 0);
            return response;
        }
        int status = response.status();
        return response.withBody(new CountedBody(response.body(),
                bytes -> log(exchange, request, arrived, started, status, bytes)));
    }

    private void log(Exchange exchange, Request request, Instant arrived, long started, int status, long bytes) {
        shipper.accept(new LogEntry(arrived.toString(), exchange.requestId(), exchange.clientAddress().getHostAddress(),
                request.method(), request.path(), status, bytes, (System.nanoTime() - started) / 1e6,
                exchange.routeId(), exchange.consumer().map(consumer -> consumer.name()).orElse(null),
                request.headers().first("User-Agent").orElse(null), counters));
    }

    @Override
    public void close() {
        release.run();
    }
}
