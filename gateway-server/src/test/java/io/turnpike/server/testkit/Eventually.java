package io.turnpike.server.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for a condition that a test cannot be told about directly (a breaker's state, a cache entry's
 * expiry), with a bound: the condition decides, and the short pause between checks only keeps the poll
 * from spinning a core.
 */
public final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final long PAUSE_MILLIS = 10;

    private Eventually() {
    }

    /**
     * Checks a condition until it holds.
     *
     * @param what      the condition, for the failure message
     * @param condition the condition
     * @throws AssertionError when it does not hold within twenty seconds
     */
    public static void await(String what, BooleanSupplier condition) {
        value(what, () -> condition.getAsBoolean(), held -> held);
    }

    /**
     * Repeats an action until its result is accepted.
     *
     * @param what   what is awaited, for the failure message
     * @param action the action, such as a request
     * @param done   whether a result is the one awaited
     * @param <T>    the result type
     * @return the accepted result
     * @throws AssertionError when none is accepted within twenty seconds, naming the last result
     */
    public static <T> T value(String what, Supplier<T> action, Predicate<T> done) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = action.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LIMIT.toSeconds() + " s: " + what + " (last: " + last + ")");
            }
            pause();
            last = action.get();
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
