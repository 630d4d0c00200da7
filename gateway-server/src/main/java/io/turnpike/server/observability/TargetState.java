package io.turnpike.server.observability;

import java.util.List;

/**
 * What the metrics show of one upstream target when they are read: whether it takes requests, and its
 * circuit breaker's state.
 *
 * @param upstream     the upstream's name
 * @param target       the target's URL as configured
 * @param address      with DNS discovery, the one address of the URL's host this target stands for; else empty
 * @param available    whether it would take a request now (breaker, passive and active health all allow it)
 * @param breakerState its breaker's state, one of {@link #BREAKER_STATES}
 */
public record TargetState(String upstream, String target, String address, boolean available, String breakerState) {

    /** Resilience4j's states, in the lower case its own metrics use: each is a series, 1 for the one it is in. */
    public static final List<String> BREAKER_STATES =
            List.of("closed", "open", "half_open", "forced_open", "disabled", "metrics_only");
}
