package io.turnpike.plugins.faultinjection;

import java.time.Duration;

/**
 * The {@code delay:} block of a {@code fault-injection} config: how long a delayed request waits before it goes
 * on, and how many requests are delayed.
 *
 * @param duration   the wait, more than 0 and at most 60s
 * @param percentage the share of requests delayed, 0 to 100 (decimals allowed), default 100
 */
public record Delay(Duration duration, Double percentage) {

    /** Applies the defaults. */
    public Delay {
        percentage = percentage == null ? Double.valueOf(100) : percentage;
    }
}
