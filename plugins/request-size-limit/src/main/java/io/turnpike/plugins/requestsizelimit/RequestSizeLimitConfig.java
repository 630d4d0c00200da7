package io.turnpike.plugins.requestsizelimit;

/**
 * A route's {@code request-size-limit} config.
 *
 * @param maxBytes the most bytes of request body the route accepts; required, 0 or more
 */
public record RequestSizeLimitConfig(Long maxBytes) {
}
