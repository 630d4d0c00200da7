package io.turnpike.plugins.responsecache;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store of every route that uses the plugin, by route id, for the admin endpoints. Each route has its
 * own store and memory bound; the plugin instance, one per gateway, owns this registry.
 */
final class RouteCaches {

    private final Map<String, CacheStore> byRoute = new ConcurrentHashMap<>();

    /** A route's store, replacing the store of an earlier configuration of the same route. */
    void register(String routeId, CacheStore store) {
        byRoute.put(routeId, store);
    }

    /** Forgets a route's store, unless a newer configuration has registered its own since. */
    void deregister(String routeId, CacheStore store) {
        byRoute.remove(routeId, store);
    }

    /** @return how many answers were removed from every route */
    long purgeAll() {
        return byRoute.values().stream().mapToLong(CacheStore::invalidateAll).sum();
    }

    /** @return how many answers were removed, or empty when no route of that id has a cache */
    OptionalLong purge(String routeId) {
        CacheStore store = byRoute.get(routeId);
        return store == null ? OptionalLong.empty() : OptionalLong.of(store.invalidateRoute(routeId));
    }

    /** @return each route's usage, by route id */
    Map<String, CacheStore.Usage> usage() {
        Map<String, CacheStore.Usage> usage = new TreeMap<>();
        byRoute.forEach((id, store) -> usage.put(id, store.usage()));
        return usage;
    }
}
