package io.turnpike.plugins.ratelimit;

import java.util.Objects;

/**
 * One limit: at most {@code max} requests in any window of {@code windowMillis}.
 *
 * @param name         the window's name in headers and messages: {@code second}, {@code minute}, ...
 * @param max          the requests allowed per window, at least 1
 * @param windowMillis the window's length in milliseconds, at least 1
 */
public record Limit(String name, long max, long windowMillis) {

    /** Checks the values. */
    public Limit {
        Objects.requireNonNull(name, "name");
        if (max < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("a limit needs max and window of at least 1: " + max + " per " + windowMillis + "ms");
        }
    }

    /** The window in whole seconds, as {@code RateLimit-Policy} writes it. */
    long windowSeconds() {
        return windowMillis / 1000;
    }
}
