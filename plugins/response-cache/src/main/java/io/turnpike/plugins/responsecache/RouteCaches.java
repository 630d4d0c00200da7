package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.turnpike.api.SharedState;

/**
 * The store of every route that uses the plugin: what the admin endpoints reach, and what keeps a route's
 * answers across configuration reloads. A route whose cache settings did not change finds the store its old
 * filter holds and stays warm; a route that went away, or whose settings changed what would be stored, loses
 * its store when the last filter holding it closes (see {@link SharedState}).
 */
final class RouteCaches {

    private final SharedState<Shape, CacheStore> stores;

    /** @param factory makes the store of a shape that no filter holds yet */
    RouteCaches(Function<Shape, CacheStore> factory) {
        // A store nobody reaches any more gives its memory back now rather than when its filter is collected.
        this.stores = new SharedState<>(factory, CacheStore::invalidateAll);
    }

    /**
     * What a route's stored answers depend on: with all of these unchanged, an answer stored under the old
     * settings is one the new settings would have stored and served the same way. {@code allow-client-bypass},
     * {@code lock-timeout} and {@code invalidate-on-unsafe-methods} only govern how requests are served, so they
     * are not here. The other
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
    SharedState.Lease<CacheStore> acquire(Shape shape) {
        return stores.acquire(shape);
    }

    /** @return how many answers were removed from every route */
    long purgeAll() {
        return stores.entries().values().stream().mapToLong(CacheStore::invalidateAll).sum();
    }

    /**
     * Purges a route, in every store it has: an old runtime's requests still in flight cannot write an answer
     * back that a later reload would find.
     *
     * @return how many answers were removed, or empty when no route of that id has a cache
     */
    OptionalLong purge(String routeId) {
        boolean found = false;
        long removed = 0;
        for (Map.Entry<Shape, CacheStore> entry : stores.entries().entrySet()) {
            if (entry.getKey().routeId().equals(routeId)) {
                found = true;
                removed += entry.getValue().invalidateRoute(routeId);
            }
        }
        return found ? OptionalLong.of(removed) : OptionalLong.empty();
    }

    /** @return each route's usage, by route id: its current store's, the one acquired last */
    Map<String, CacheStore.Usage> usage() {
        Map<String, CacheStore.Usage> usage = new TreeMap<>();
        stores.entries().forEach((shape, store) -> usage.computeIfAbsent(shape.routeId(), id -> store.usage()));
        return usage;
    }

    /** @return how many filters hold the store of a shape, 0 when there is none: for tests */
    int holders(Shape shape) {
        return stores.holders(shape);
    }
}
