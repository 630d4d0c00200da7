package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The store of every route that uses the plugin: what the admin endpoints reach, and what keeps a route's
 * answers across configuration reloads. A reload creates a route's new filter before it closes the old one,
 * so a route whose cache settings did not change finds the store its old filter holds and stays warm; a route
 * that went away, or whose settings changed what would be stored, loses its store when the last filter
 * holding it closes.
 *
 * <p>A store lives only while some filter holds it, so there are as many as routes being served (a route has
 * two only while a reload's old runtime finishes its requests after a settings change). Acquire and release
 * happen on reload, not per request, so one lock is enough; purges and usage work outside it.
 */
final class RouteCaches {

    private final Function<Shape, CacheStore> factory;
    /** Each route's held stores, the most recently acquired first: that one is the route's current store. */
    private final Map<String, List<Held>> byRoute = new HashMap<>(); // guarded by this

    /** @param factory makes the store of a shape that no filter holds yet */
    RouteCaches(Function<Shape, CacheStore> factory) {
        this.factory = factory;
    }

    /**
     * What a route's stored answers depend on: with all of these unchanged, an answer stored under the old
     * settings is one the new settings would have stored and served the same way. {@code allow-client-bypass}
     * and {@code lock-timeout} only govern how requests are served, so they are not here. The other
     * components are the route's id and the {@link Settings} of the same names.
     */
    record Shape(String routeId, Set<String> methods, Set<Integer> statuses, Duration defaultTtl, Duration maxTtl,
                 long maxMemory, int maxEntrySize, boolean storeSetCookie, boolean storeAuthorized) {

        static Shape of(String routeId, Settings settings) {
            return new Shape(routeId, settings.methods(), settings.statuses(), settings.defaultTtl(), settings.maxTtl(),
                    settings.maxMemory(), settings.maxEntrySize(), settings.storeSetCookie(), settings.storeAuthorized());
        }
    }

    /**
     * Holds the store of a shape, making it when no filter holds one; it becomes its route's current store.
     *
     * @return the lease; close it when the filter closes
     */
    synchronized Lease acquire(Shape shape) {
        List<Held> held = byRoute.getOrDefault(shape.routeId(), List.of());
        Held entry = held.stream().filter(each -> each.shape.equals(shape)).findFirst()
                .orElseGet(() -> new Held(shape, factory.apply(shape)));
        // the route's list only after the store exists: a factory that throws leaves no empty route behind
        List<Held> route = byRoute.computeIfAbsent(shape.routeId(), id -> new ArrayList<>(2));
        route.remove(entry);
        route.addFirst(entry);
        entry.holders++;
        return new Lease(entry);
    }

    private void release(Held entry) {
        boolean last;
        synchronized (this) {
            last = --entry.holders == 0;
            if (last) {
                List<Held> held = byRoute.get(entry.shape.routeId());
                held.remove(entry);
                if (held.isEmpty()) {
                    byRoute.remove(entry.shape.routeId());
                }
            }
        }
        if (last) {
            // Nobody reaches it any more: give the memory back now rather than when the filter is collected.
            entry.store.invalidateAll();
        }
    }

    /** @return how many answers were removed from every route */
    long purgeAll() {
        return stores().values().stream().flatMap(List::stream).mapToLong(CacheStore::invalidateAll).sum();
    }

    /**
     * Purges a route, in every store it has: an old runtime's requests still in flight cannot write an answer
     * back that a later reload would find.
     *
     * @return how many answers were removed, or empty when no route of that id has a cache
     */
    OptionalLong purge(String routeId) {
        List<CacheStore> stores = stores().get(routeId);
        return stores == null ? OptionalLong.empty()
                : OptionalLong.of(stores.stream().mapToLong(store -> store.invalidateRoute(routeId)).sum());
    }

    /** @return each route's usage, by route id: its current store's */
    Map<String, CacheStore.Usage> usage() {
        Map<String, CacheStore.Usage> usage = new TreeMap<>();
        stores().forEach((id, stores) -> usage.put(id, stores.getFirst().usage()));
        return usage;
    }

    /** @return how many filters hold the store of a shape, 0 when there is none: for tests */
    synchronized int holders(Shape shape) {
        return byRoute.getOrDefault(shape.routeId(), List.of()).stream().filter(each -> each.shape.equals(shape))
                .mapToInt(each -> each.holders).sum();
    }

    /** @return every route's stores, the current one first, copied so that the work on them is unlocked */
    private synchronized Map<String, List<CacheStore>> stores() {
        Map<String, List<CacheStore>> stores = new HashMap<>();
        byRoute.forEach((id, held) -> stores.put(id, held.stream().map(each -> each.store).toList()));
        return stores;
    }

    private static final class Held {
        final Shape shape;
        final CacheStore store;
        int holders;

        Held(Shape shape, CacheStore store) {
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

        CacheStore store() {
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
