package io.turnpike.api;

/**
 * A count a plugin keeps of what it does on one route (cache hits, calls that failed...), exported with the
 * gateway's own metrics. Made by {@link PluginContext#counter}; thread-safe and cheap enough to call on every
 * request.
 *
 * @since 1.1.0
 */
@FunctionalInterface
public interface Counter {

    /** A counter that counts nowhere: what a context without metrics hands out. */
    Counter NONE = amount -> { };

    /**
     * Adds to the count.
     *
     * @param amount how much, zero or more
     */
    void add(long amount);

    /** Adds one. */
    default void increment() {
        add(1);
    }
}
