package io.turnpike.plugins.ratelimit;

import java.util.List;

/**
 * Where request counts live. The plugin asks one question per request, so that a store shared by a cluster
 * (a Redis script, say) can answer it atomically in one round trip: may this key make one more request under
 * all of these limits, and if so, count it.
 *
 * <p>Implementations must be thread-safe and exact: when many requests of one key arrive at once, exactly as
 * many pass as the limits allow. They must bound their memory however many distinct keys arrive.
 */
public interface CounterStore extends AutoCloseable {

    /**
     * Admits one request of a key under every limit and counts it in each, or refuses it and counts nothing.
     *
     * @param key       who is counted, as the plugin derived it (never longer than 128 characters)
     * @param limits    the limits, the same list for a key on every call
     * @param nowMillis the time of the request, in milliseconds since the epoch
     * @return the decision, with each limit's state after it
     */
    Decision tryAcquire(String key, List<Limit> limits, long nowMillis);

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() {
    }
}
