package io.turnpike.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The checks on an upstream's resilience settings: circuit breaker, retries, bulkhead and health checks.
 * Apart from {@link ConfigValidator} so that each stays readable; the error format is the same.
 */
final class ResilienceValidator {

    private static final int MAX_RETRIES = 10;

    private ResilienceValidator() {
    }

    static void validate(String at, UpstreamConfig upstream, List<String> errors) {
        circuitBreaker(at + ".circuit-breaker", upstream.circuitBreaker(), errors);
        retries(at + ".retries", upstream.retries(), errors);
        if (upstream.bulkhead().enabled()) {
            range(at + ".bulkhead.max-concurrent-requests", upstream.bulkhead().maxConcurrentRequests(), 1, 100_000,
                    errors);
        }
        upstream.healthCheck().activeCheck().ifPresent(active -> active(at + ".health-check.active", active, errors));
        passive(at + ".health-check.passive", upstream.healthCheck().passive(), errors);
    }

    private static void circuitBreaker(String at, CircuitBreakerConfig breaker, List<String> errors) {
        range(at + ".failure-rate-threshold", breaker.failureRateThreshold(), 1, 100, errors);
        range(at + ".slow-call-rate-threshold", breaker.slowCallRateThreshold(), 1, 100, errors);
        positive(at + ".slow-call-duration", breaker.slowCallDuration(), errors);
        range(at + ".sliding-window", breaker.slidingWindow(), 1, 1000, errors);
        range(at + ".minimum-calls", breaker.minimumCalls(), 1, Math.max(1, breaker.slidingWindow()), errors);
        positive(at + ".open-for", breaker.openFor(), errors);
        range(at + ".half-open-calls", breaker.halfOpenCalls(), 1, 100, errors);
        statuses(at + ".failure-statuses", breaker.failureStatuses(), 100, 599, errors);
    }

    private static void retries(String at, RetriesConfig retries, List<String> errors) {
        range(at + ".max-retries", retries.maxRetries(), 0, MAX_RETRIES, errors);
        positive(at + ".backoff", retries.backoff(), errors);
        positive(at + ".max-backoff", retries.maxBackoff(), errors);
        if (retries.maxBackoff().compareTo(retries.backoff()) < 0) {
            errors.add(at + ".max-backoff: must be at least backoff (" + retries.backoff().toMillis() + "ms), got "
                    + retries.maxBackoff().toMillis() + "ms");
        }
        statuses(at + ".on-statuses", retries.onStatuses(), 500, 599, errors);
    }

    private static void active(String at, ActiveHealthCheckConfig active, List<String> errors) {
        if (active.path() == null || active.path().isBlank()) {
            errors.add(at + ".path: missing; the path to probe on each target, such as /health");
        } else if (!active.path().startsWith("/")) {
            errors.add(at + ".path: must start with '/', got \"" + active.path() + "\"");
        }
        positive(at + ".interval", active.interval(), errors);
        positive(at + ".timeout", active.timeout(), errors);
        if (active.timeout().compareTo(active.interval()) > 0) {
            errors.add(at + ".timeout: must not be longer than interval (" + active.interval().toMillis() + "ms), got "
                    + active.timeout().toMillis() + "ms");
        }
        range(at + ".healthy-threshold", active.healthyThreshold(), 1, 100, errors);
        range(at + ".unhealthy-threshold", active.unhealthyThreshold(), 1, 100, errors);
    }

    private static void passive(String at, PassiveHealthCheckConfig passive, List<String> errors) {
        range(at + ".consecutive-failures", passive.consecutiveFailures(), 1, 1000, errors);
        positive(at + ".ejection-time", passive.ejectionTime(), errors);
    }

    private static void statuses(String at, List<Integer> statuses, int min, int max, List<String> errors) {
        for (int i = 0; i < statuses.size(); i++) {
            range(at + "[" + i + "]", statuses.get(i), min, max, errors);
        }
    }

    private static void range(String at, int value, int min, int max, List<String> errors) {
        if (value < min || value > max) {
            errors.add(at + ": must be " + min + " to " + max + ", got " + value);
        }
    }

    private static void positive(String at, Duration duration, List<String> errors) {
        if (duration.isZero() || duration.isNegative()) {
            errors.add(at + ": must be more than 0, got " + duration.toMillis() + "ms");
        }
    }
}
