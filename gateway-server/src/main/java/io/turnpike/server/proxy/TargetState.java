package io.turnpike.server.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One target with everything the gateway knows about it: its circuit breaker, its passive health
 * (ejection), its active health, and how many requests it has in flight.
 */
final class TargetState {

    private final String url;
    private final Target target;
    private final int weight;
    private final Breaker breaker;
    private final Breaker ejector;
    private final ActiveHealth health;
    private final Duration probeInterval;
    private final TargetConnections connections;
    private final Http2Connections http2;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param url   the target's URL as configured
     * @param http2 its HTTP/2 connections, or null for an HTTP/1.1 upstream
     */
    TargetState(String url, Target target, int weight, Breaker breaker, Breaker ejector, ActiveHealth health,
                Duration probeInterval, TargetConnections connections, Http2Connections http2) {
        this.url = url;
        this.target = target;
        this.connections = connections;
        this.http2 = http2;
        this.weight = weight;
        this.breaker = breaker;
        this.ejector = ejector;
        this.health = health;
        this.probeInterval = probeInterval;
    }

    /** @return the target's URL as configured; the targets found for one URL in DNS share it */
    String url() {
        return url;
    }

    Target target() {
        return target;
    }

    /** The kept-alive connections to the target. */
    TargetConnections connections() {
        return connections;
    }

    /** @return the HTTP/2 connections to the target, each carrying many requests at once; null over HTTP/1.1 */
    Http2Connections http2() {
        return http2;
    }

    /** Closes the target's connections: the pool's, or, once no request uses them, a target DNS no longer names. */
    void closeConnections() {
        connections.close();
        if (http2 != null) {
            http2.close();
        }
    }

    int weight() {
        return weight;
    }

    ActiveHealth health() {
        return health;
    }

    Breaker breaker() {
        return breaker;
    }

    Breaker ejector() {
        return ejector;
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Reserves the target for one call, if it may take one: actively healthy, breaker and ejection both
     * permitting. On true, the call must end with {@link #recordStatus}, {@link #recordFailure} or
     * {@link #release}.
     */
    boolean tryAcquire() {
        if (!health.healthy() || !breaker.tryAcquire()) {
            return false;
        }
        if (!ejector.tryAcquire()) {
            breaker.release();
            return false;
        }
        inFlight.incrementAndGet();
        return true;
    }

    /** The upstream answered, after {@code nanos}; the response is still to be streamed. */
    void recordStatus(long nanos, int status) {
        breaker.recordStatus(nanos, status);
        ejector.recordStatus(nanos, status);
    }

    /** The upstream gave no answer. */
    void recordFailure(long nanos, Throwable failure) {
        inFlight.decrementAndGet();
        breaker.recordFailure(nanos, failure);
        ejector.recordFailure(nanos, failure);
    }

    /** The call was not the target's to answer for (the request body failed): nothing is recorded. */
    void release() {
        inFlight.decrementAndGet();
        breaker.release();
        ejector.release();
    }

    /** The response, recorded already, has been sent on or dropped. */
    void responseEnded() {
        inFlight.decrementAndGet();
    }

    /** Whether the target takes traffic now, as far as can be told without taking a permit. */
    boolean available() {
        return health.healthy() && admits(breaker) && admits(ejector);
    }

    private static boolean admits(Breaker b) {
        return switch (b.state()) {
            case OPEN -> b.closedFor().isZero();
            case FORCED_OPEN -> false;
            default -> true;
        };
    }

    /** The soonest this target may take traffic again: zero when it may now. */
    Duration unavailableFor() {
        Duration wait = breaker.closedFor();
        if (ejector.closedFor().compareTo(wait) > 0) {
            wait = ejector.closedFor();
        }
        if (!health.healthy() && probeInterval.compareTo(wait) > 0) {
            wait = probeInterval;
        }
        return wait;
    }
}
