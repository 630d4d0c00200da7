/**
 * The {@code rate-limit} plugin: requests per second, minute, hour and day, counted with a sliding window.
 *
 * <p>Public: {@link io.turnpike.plugins.ratelimit.RateLimitPlugin} (found by PF4J), its config record, and the
 * {@link io.turnpike.plugins.ratelimit.CounterStore} contract with its values, which a cluster-wide store
 * implements. Everything else is package-private.
 */
package io.turnpike.plugins.ratelimit;
