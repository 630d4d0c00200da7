package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.util.Set;

/**
 * A validated config in the form the filter uses: sizes in bytes, sets for lookups, no absent values.
 *
 * @param methods           the cached request methods
 * @param statuses          the statuses that may be stored
 * @param defaultTtl        freshness when the upstream says nothing; zero stores only explicit freshness
 * @param maxTtl            the cap on any freshness
 * @param maxMemory         the most bytes the route's cache holds
 * @param maxEntrySize      the largest answer stored, in bytes
 * @param allowClientBypass whether client no-cache / no-store bypass the cache
 * @param storeSetCookie    whether answers with Set-Cookie are stored, without the cookie
 * @param storeAuthorized   whether answers to unauthenticated requests carrying Authorization are stored
 * @param lockTimeout       how long a miss waits for another's upstream call
 * @param invalidateOnUnsafeMethods whether a successful unsafe request removes the answers stored for its URL
 * @param staleIfError      how long past freshness an answer may stand in for a failing upstream, when the
 *                          upstream does not say
 */
record Settings(Set<String> methods, Set<Integer> statuses, Duration defaultTtl, Duration maxTtl, long maxMemory,
                int maxEntrySize, boolean allowClientBypass, boolean storeSetCookie, boolean storeAuthorized,
                Duration lockTimeout, boolean invalidateOnUnsafeMethods, Duration staleIfError) {

    /** RFC 9111 section 1.2.2: the largest delta-seconds a cache need handle; "no cap" in practice. */
    static final Duration NO_CAP = Duration.ofSeconds(2_147_483_648L);

    /**
     * @param config a config that {@link ConfigCheck} found valid
     * @return its settings
     */
    static Settings of(ResponseCacheConfig config) {
        return new Settings(Set.copyOf(config.methods()), Set.copyOf(config.statuses()), config.defaultTtl(),
                config.maxTtl() == null ? NO_CAP : config.maxTtl(),
                ByteSize.parse(config.maxMemory()).orElseThrow(),
                Math.toIntExact(ByteSize.parse(config.maxEntrySize()).orElseThrow()),
                config.allowClientBypass(), config.storeSetCookie(), config.storeAuthorized(), config.lockTimeout(),
                config.invalidateOnUnsafeMethods(), config.staleIfError());
    }
}
