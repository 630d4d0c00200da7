package io.turnpike.server.proxy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.turnpike.server.config.CircuitBreakerConfig;
import io.turnpike.server.config.PassiveHealthCheckConfig;

/**
 * A Resilience4j circuit breaker that also knows when it opened, so that a 503 can say in
 * {@code Retry-After} when the target may take traffic again; Resilience4j keeps that to itself.
 *
 * <p>Two kinds are made from it: the circuit breaker proper (failure and slow-call rates over a window)
 * and the passive health check, which is a breaker whose window is the last N calls and whose threshold
 * is 100%: N failures in a row.
 */
final class Breaker {

    private static final System.Logger LOGGER = System.getLogger(Breaker.class.getName());

    private final CircuitBreaker breaker;
    private final Duration openFor;
    private volatile long openedAt;

    private Breaker(CircuitBreaker breaker, Duration openFor) {
        this.breaker = breaker;
        this.openFor = openFor;
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = System.nanoTime();
            }
            LOGGER.log(System.Logger.Level.INFO, () -> event.getCircuitBreakerName() + ": "
                    + event.getStateTransition().getFromState() + " -> " + event.getStateTransition().getToState());
        });
    }

    /** The circuit breaker of one target, or one that never opens when the config turns it off. */
    static Breaker circuit(String name, CircuitBreakerConfig config) {
        CircuitBreaker breaker = CircuitBreaker.of(name, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.slidingWindow())
                .minimumNumberOfCalls(config.minimumCalls())
                .failureRateThreshold(config.failureRateThreshold())
                .slowCallRateThreshold(config.slowCallRateThreshold())
                .slowCallDurationThreshold(config.slowCallDuration())
                .waitDurationInOpenState(config.openFor())
                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                .recordResult(failureStatus(config.failureStatuses()))
                .writableStackTraceEnabled(false)
                .build());
        if (!config.enabled()) {
            breaker.transitionToDisabledState();
        }
        return new Breaker(breaker, config.openFor());
    }

    /** The passive health check of one target: N failures in a row eject it for a while. */
    static Breaker ejector(String name, PassiveHealthCheckConfig config, List<Integer> failureStatuses) {
        int failures = config.consecutiveFailures();
        CircuitBreaker breaker = CircuitBreaker.of(name, io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures)
                .minimumNumberOfCalls(failures)
                .failureRateThreshold(100)
                // slowness is the circuit breaker's business, not ejection's
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .waitDurationInOpenState(config.ejectionTime())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordResult(failureStatus(failureStatuses))
                .writableStackTraceEnabled(false)
                .build());
        if (!config.enabled()) {
            breaker.transitionToDisabledState();
        }
        return new Breaker(breaker, config.ejectionTime());
    }

    private static Predicate<Object> failureStatus(List<Integer> statuses) {
        return result -> result instanceof Integer status && statuses.contains(status);
    }

    /** Takes a permit to call; every permit taken is given back by exactly one of record or release. */
    boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    /** Gives back a permit that was not used for a call. */
    void release() {
        breaker.releasePermission();
    }

    /** Records an answer; whether its status is a failure is the config's say. */
    void recordStatus(long nanos, int status) {
        breaker.onResult(nanos, TimeUnit.NANOSECONDS, status);
    }

    /** Records a call that got no answer. */
    void recordFailure(long nanos, Throwable failure) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    CircuitBreaker.Metrics metrics() {
        return breaker.getMetrics();
    }

    /** How long, from now, until this breaker lets a trial call through: zero unless it is open. */
    Duration closedFor() {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return Duration.ZERO;
        }
        Duration remaining = openFor.minusNanos(System.nanoTime() - openedAt);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }
}
