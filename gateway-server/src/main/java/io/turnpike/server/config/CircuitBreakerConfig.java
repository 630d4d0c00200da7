package io.turnpike.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The circuit breaker kept for each target of an upstream. It watches the last {@code sliding-window}
 * calls to the target and opens when too many failed or were slow; while open the target gets no traffic.
 * After {@code open-for} it lets {@code half-open-calls} trial calls through and closes again if they
 * succeed.
 *
 * @param enabled              whether targets have breakers, default true
 * @param failureRateThreshold the percentage of failed calls (1..100) that opens the breaker, default 50
 * @param slowCallRateThreshold the percentage of slow calls (1..100) that opens it, default 100
 * @param slowCallDuration     a call whose answer takes longer than this is slow, default 10s
 * @param slidingWindow        how many of the most recent calls are counted, default 20
 * @param minimumCalls         how many calls must be counted before the rates mean anything, default 10
 * @param openFor              how long the breaker stays open before trial calls, default 30s
 * @param halfOpenCalls        how many trial calls decide whether it closes, default 3
 * @param failureStatuses      answers that count as failures, default 500, 502, 503, 504
 */
public record CircuitBreakerConfig(Boolean enabled, Integer failureRateThreshold, Integer slowCallRateThreshold,
                                   Duration slowCallDuration, Integer slidingWindow, Integer minimumCalls,
                                   Duration openFor, Integer halfOpenCalls, List<Integer> failureStatuses) {

    public static final CircuitBreakerConfig DEFAULT = new CircuitBreakerConfig(null, null, null, null, null, null,
            null, null, null);

    public CircuitBreakerConfig {
        enabled = enabled == null || enabled;
        failureRateThreshold = failureRateThreshold == null ? 50 : failureRateThreshold;
        slowCallRateThreshold = slowCallRateThreshold == null ? 100 : slowCallRateThreshold;
        slowCallDuration = slowCallDuration == null ? Duration.ofSeconds(10) : slowCallDuration;
        slidingWindow = slidingWindow == null ? 20 : slidingWindow;
        minimumCalls = minimumCalls == null ? 10 : minimumCalls;
        openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
        halfOpenCalls = halfOpenCalls == null ? 3 : halfOpenCalls;
        failureStatuses = failureStatuses == null ? List.of(500, 502, 503, 504) : List.copyOf(failureStatuses);
    }
}
