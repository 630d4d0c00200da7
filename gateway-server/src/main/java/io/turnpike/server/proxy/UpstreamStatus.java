package io.turnpike.server.proxy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A snapshot of one upstream's state, for the admin port.
 *
 * @param name                  the upstream's name
 * @param balancing             how targets are picked, as written in the config
 * @param maxConcurrentRequests the bulkhead's limit, when there is one
 * @param inFlight              requests in flight to the upstream, counted by the bulkhead; 0 without one
 * @param targets               every target, in config order
 */
public record UpstreamStatus(String name, String balancing, OptionalInt maxConcurrentRequests, int inFlight,
                             List<TargetStatus> targets) {

    /**
     * One target.
     *
     * @param url            the target's URL as configured
     * @param address        with DNS discovery, the one address of the URL's host this target stands for
     * @param weight         its weight
     * @param available      whether it would take a request now
     * @param inFlight       its requests in flight
     * @param idleConnections its kept-alive connections waiting for a request (HTTP/1.1)
     * @param http2          its HTTP/2 connections, for an upstream with {@code http2: true}
     * @param circuitBreaker its breaker
     * @param passive        its passive health: HEALTHY, EJECTED, TRIAL (one request decides) or DISABLED
     * @param active         its active health: HEALTHY, UNHEALTHY or UNCHECKED (no active check configured)
     */
    public record TargetStatus(String url, Optional<String> address, int weight, boolean available, int inFlight, int idleConnections,
                               Optional<Http2Status> http2, BreakerStatus circuitBreaker, String passive,
                               String active) {
    }

    /**
     * A target's HTTP/2 connections.
     *
     * @param connections the open connections
     * @param idle        those of them with no request in flight, kept for the next ones
     * @param goingAway   those of them the target is closing ({@code GOAWAY}): they take no new request, and
     *                    close once their requests in flight have ended
     * @param streams     the requests in flight on them
     * @param streamLimit the most a connection takes at once: {@code max-concurrent-streams}, or less, as the
     *                    target's {@code SETTINGS} said or its refusals taught
     */
    public record Http2Status(int connections, int idle, int goingAway, int streams, int streamLimit) {
    }

    /**
     * A circuit breaker.
     *
     * @param state         CLOSED, OPEN, HALF_OPEN or DISABLED
     * @param failureRate   the percentage of failed calls in the window, or -1 before the minimum number of calls
     * @param slowCallRate  the percentage of slow calls in the window, or -1 before the minimum number of calls
     * @param calls         the calls in the window
     * @param failedCalls   the failed calls in the window
     */
    public record BreakerStatus(String state, float failureRate, float slowCallRate, int calls, int failedCalls) {
    }
}
