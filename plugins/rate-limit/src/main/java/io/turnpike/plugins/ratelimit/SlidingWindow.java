package io.turnpike.plugins.ratelimit;

import java.util.ArrayList;
import java.util.List;

/**
 * The sliding window counter (as Cloudflare and Kong's advanced limiter use): a count for the current fixed
 * window and one for the window before, the older weighted by how much of it the sliding window still covers.
 * Two numbers per key and limit, no per-request timestamps, and no burst of twice the limit at a window edge
 * as with plain fixed windows.
 *
 * <p>All arithmetic is in whole numbers scaled by the window length, so a request is admitted exactly when
 * {@code previous * (W - elapsed) / W + current + 1 <= max}: no rounding lets one too many through.
 * Each state is three longs: the index of the current window, the previous window's count, the current one's.
 */
final class SlidingWindow {

    private SlidingWindow() {
    }

    /** The decision on a rolled state, with each limit's usage after it. */
    static Decision decision(boolean allowed, long[] state, List<Limit> limits, long now) {
        List<Decision.Usage> usages = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            usages.add(new Decision.Usage(limit, remaining(state, 3 * i, limit, now), resetMillis(limit, now),
                    retryAfterMillis(state, 3 * i, limit, now)));
        }
        return new Decision(allowed, usages);
    }

    /** The state moved on to the window that holds {@code now}. */
    static void roll(long[] state, int at, long windowMillis, long now) {
        long index = now / windowMillis;
        if (state[at] == index) {
            return;
        }
        long current = state[at + 2];
        state[at + 1] = state[at] == index - 1 ? current : 0;
        state[at + 2] = 0;
        state[at] = index;
    }

    /** Whether one more request fits, on a rolled state. */
    static boolean admits(long[] state, int at, Limit limit, long now) {
        long w = limit.windowMillis();
        return used(state, at, w, now) + w <= limit.max() * w;
    }

    /** How many more requests fit now, on a rolled state. */
    static long remaining(long[] state, int at, Limit limit, long now) {
        long w = limit.windowMillis();
        return Math.max(0, (limit.max() * w - used(state, at, w, now)) / w);
    }

    /** Milliseconds until the current window ends. */
    static long resetMillis(Limit limit, long now) {
        return limit.windowMillis() - Math.floorMod(now, limit.windowMillis());
    }

    /** Milliseconds until one more request fits, on a rolled state; 0 when it fits now. */
    static long retryAfterMillis(long[] state, int at, Limit limit, long now) {
        if (admits(state, at, limit, now)) {
            return 0;
        }
        long w = limit.windowMillis();
        long max = limit.max();
        long elapsed = Math.floorMod(now, w);
        long previous = state[at + 1];
        long current = state[at + 2];
        // later in this window: previous * (w - t) + current * w + w <= max * w
        if (previous > 0 && max - current - 1 >= 0) {
            long t = w - Math.floorDiv((max - current - 1) * w, previous);
            if (t < w) {
                return Math.max(1, t - elapsed);
            }
        }
        // in the next window, where this one's count is the previous: current * (w - t) + w <= max * w
        long t = current == 0 ? 0 : w - Math.floorDiv((max - 1) * w, current);
        if (t < w) {
            return w - elapsed + Math.max(0, t);
        }
        return 2 * w - elapsed;
    }

    private static long used(long[] state, int at, long w, long now) {
        return state[at + 1] * (w - Math.floorMod(now, w)) + state[at + 2] * w;
    }
}
