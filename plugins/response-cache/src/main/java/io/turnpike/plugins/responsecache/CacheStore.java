package io.turnpike.plugins.responsecache;

import java.util.List;
import java.util.Optional;

/**
 * Where a route's answers are kept. Entries are found in two steps, as in Varnish and nginx: the primary key
 * leads to the request headers the stored answer's {@code Vary} names, and their values pick the variant.
 *
 * <p>Implementations are thread-safe, bounded, and may drop any entry at any time. The default keeps them
 * in memory ({@link CaffeineCacheStore}); a store shared between gateways would implement this too.
 */
interface CacheStore {

    /**
     * @return the lower-case, sorted header names the answers under this key vary on; empty list for none,
     *         empty optional when nothing is stored under the key
     */
    Optional<List<String>> varyOf(PrimaryKey key);

    /**
     * @param variant the request's values of the {@link #varyOf vary} headers, from {@link Keys#variant}
     * @return the stored answer, fresh or not, or empty
     */
    Optional<CachedResponse> get(PrimaryKey key, List<String> variant);

    /**
     * Stores an answer; a later {@code Vary} list replaces the earlier one for the key.
     *
     * @param varyNames the request headers the answer varies on
     * @param variant   the request's values of those headers
     */
    void put(PrimaryKey key, List<String> varyNames, List<String> variant, CachedResponse response);

    /**
     * Removes one stored answer, as when its upstream now forbids storing it.
     *
     * @param variant the request's values of the {@link #varyOf vary} headers
     */
    void remove(PrimaryKey key, List<String> variant);

    /**
     * Removes every answer stored for one resource: every method, caller and variant under it. Its cost does
     * not grow with the number of other answers in the store.
     *
     * @return how many answers were removed
     */
    long invalidate(PrimaryKey.Resource resource);

    /**
     * Removes every answer of one route.
     *
     * @return how many answers were removed
     */
    long invalidateRoute(String routeId);

    /**
     * Removes every answer.
     *
     * @return how many answers were removed
     */
    long invalidateAll();

    /** @return what the store holds now */
    Usage usage();

    /**
     * @param entries  the answers held
     * @param bytes    their estimated size
     * @param maxBytes the bound
     */
    record Usage(long entries, long bytes, long maxBytes) {
    }
}
