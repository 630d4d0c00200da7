package io.turnpike.server.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * An upstream's handler ({@link TestUpstream#handling}) that holds each request for one path until released,
 * and then answers {@code 204}, as it answers any other path at once: a request kept under way for as long as a
 * test needs. Close it to release them.
 */
public final class HeldRequests implements HttpHandler, AutoCloseable {

    private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

    private final String path;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final AtomicInteger count = new AtomicInteger();

    /** @param path the path whose requests are held, as the upstream receives it */
    public HeldRequests(String path) {
        this.path = path;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals(path)) {
            count.incrementAndGet();
            arrived.countDown();
            try {
                released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /**
     * @param limit the longest wait
     * @return whether a request to hold has arrived
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitArrival(Duration limit) throws InterruptedException {
        return arrived.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return how many requests to hold have arrived */
    public int count() {
        return count.get();
    }

    /** Answers the requests held, and any that come after at once. */
    @Override
    public void close() {
        released.countDown();
    }
}
