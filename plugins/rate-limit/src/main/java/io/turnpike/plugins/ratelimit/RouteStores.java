package io.turnpike.plugins.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The counter stores of routes, kept across configuration reloads. A reload creates a route's new filter
 * before it closes the old one, so a route whose limits did not change finds the store its old filter holds
 * and every client keeps its quota; a route that went away, or whose counts no longer fit its config, loses
 * its store when the last filter holding it closes.
 *
 * <p>An entry lives only while some filter holds it, so the registry is as large as the routes being served
 * (twice that while a reload's old runtime finishes its requests). Acquire and release happen on reload, not
 * per request, so one lock is enough.
 */
final class RouteStores {

    private final Function<Shape, CounterStore> factory;
    private final Map<Shape, Held> held = new HashMap<>(); // guarded by this

    /** @param factory makes the store of a shape that no filter holds yet */
    RouteStores(Function<Shape, CounterStore> factory) {
        this.factory = factory;
    }

    /**
     * What the counts of a route depend on: with all of these unchanged, a count taken under the old config
     * means the same under the new one. Legacy headers only change how counts are shown, so they are not here.
     *
     * @param routeId the route
     * @param limits  the limits, in the order the store keeps them
     * @param by      whose requests count together
     * @param header  the header of {@code by: header}, lower case (header names are case-insensitive); else null
     * @param maxKeys the store's bound
     */
    record Shape(String routeId, List<Limit> limits, KeyBy by, String header, int maxKeys) {

        static Shape of(String routeId, List<Limit> limits, KeyBy by, String header, int maxKeys) {
            return new Shape(routeId, List.copyOf(limits), by, header == null ? null : header.toLowerCase(Locale.ROOT),
                    maxKeys);
        }
    }

    /**
     * Holds the store of a shape, making it when no filter holds one.
     *
     * @return the lease; close it when the filter closes
     */
    synchronized Lease acquire(Shape shape) {
        Held entry = held.computeIfAbsent(shape, s -> new Held(s, factory.apply(s)));
        entry.holders++;
        return new Lease(entry);
    }

    private synchronized void release(Held entry) {
        if (--entry.holders == 0) {
            held.remove(entry.shape, entry);
            entry.store.close();
        }
    }

    /** @return how many filters hold the store of a shape, 0 when there is none: for tests */
    synchronized int holders(Shape shape) {
        Held entry = held.get(shape);
        return entry == null ? 0 : entry.holders;
    }

    /** @return how many stores are held: for tests of the bound */
    synchronized int size() {
        return held.size();
    }

    private static final class Held {
        final Shape shape;
        final CounterStore store;
        int holders;

        Held(Shape shape, CounterStore store) {
            this.shape = shape;
            this.store = store;
        }
    }

    /** One filter's hold on a store. Closing it twice releases once. */
    final class Lease implements AutoCloseable {

        private final Held entry;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Held entry) {
            this.entry = entry;
        }

        CounterStore store() {
            return entry.store;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(entry);
            }
        }
    }
}
