package io.turnpike.plugins.ratelimit;

import java.util.List;

/**
 * Counts in Redis, shared by every gateway that counts there: one script call per request, which admits and
 * counts under all the route's limits in one atomic step, with the same sliding window as
 * {@link InMemoryCounterStore}. A key is a Redis hash that expires two of its longest windows after its last
 * admitted request, so Redis holds no key longer than its counts matter.
 *
 * <p>Counts are keyed by the route, the client's key and the window's name ({@code minute}), not by the
 * limit: a reload that changes a limit keeps the counts, which the new limit then judges.
 */
final class RedisCounterStore implements CounterStore {

    private final RedisLink link;
    private final String keyPrefix;

    /**
     * @param link      the connection
     * @param keyPrefix what the keys of this store start with: the configured prefix and the route
     */
    RedisCounterStore(RedisLink link, String keyPrefix) {
        this.link = link;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Decision tryAcquire(String key, List<Limit> limits, long nowMillis) {
        String[] args = new String[1 + 5 * limits.size()];
        long[] state = new long[3 * limits.size()];
        long longest = 0;
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            long window = limit.windowMillis();
            longest = Math.max(longest, window);
            args[1 + 5 * i] = limit.name();
            args[2 + 5 * i] = Long.toString(limit.max());
            args[3 + 5 * i] = Long.toString(window);
            state[3 * i] = Math.floorDiv(nowMillis, window);
            args[4 + 5 * i] = Long.toString(state[3 * i]);
            args[5 + 5 * i] = Long.toString(Math.floorMod(nowMillis, window));
        }
        args[0] = Long.toString(2 * longest);
        List<Object> answer = link.slidingWindow(keyPrefix + key, args);
        for (int i = 0; i < limits.size(); i++) {
            state[3 * i + 1] = (Long) answer.get(1 + 2 * i);
            state[3 * i + 2] = (Long) answer.get(2 + 2 * i);
        }
        return SlidingWindow.decision((Long) answer.get(0) == 1, state, limits, nowMillis);
    }
}
