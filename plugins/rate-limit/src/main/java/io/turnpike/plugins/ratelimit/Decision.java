package io.turnpike.plugins.ratelimit;

import java.util.List;

/**
 * A store's answer to one request.
 *
 * @param allowed whether the request was admitted (and counted)
 * @param usages  each limit's state after the decision, in the order of the limits asked about; empty when
 *                the request was let through uncounted
 */
public record Decision(boolean allowed, List<Usage> usages) {

    /** Freezes the list. */
    public Decision {
        usages = List.copyOf(usages);
    }

    /** A request let through without being counted, as when the store cannot count and the route allows it. */
    public static Decision uncounted() {
        return new Decision(true, List.of());
    }

    /** Whether the request was counted; an uncounted one has no usages to tell the client. */
    public boolean counted() {
        return !usages.isEmpty();
    }

    /**
     * One limit's state.
     *
     * @param limit           the limit
     * @param remaining       how many more requests it admits now, 0 or more
     * @param resetMillis     milliseconds until its current window ends
     * @param retryAfterMillis milliseconds until it admits one more request; 0 when it admits one now
     */
    public record Usage(Limit limit, long remaining, long resetMillis, long retryAfterMillis) {
    }
}
