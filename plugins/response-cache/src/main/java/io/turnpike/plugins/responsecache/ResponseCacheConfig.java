package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A route's {@code response-cache} config, as written in YAML. Every component may be left out and then
 * takes the default documented in {@code docs/plugins/response-cache.md}; {@link Settings} is the checked,
 * parsed form a filter uses.
 *
 * @param methods             request methods whose answers are cached: {@code GET} and {@code HEAD}
 * @param statuses            response statuses that may be stored
 * @param defaultTtl          freshness of an answer whose upstream says nothing about it; {@code 0s} stores only
 *                            answers with explicit freshness
 * @param maxTtl              the longest freshness any answer gets, whatever the upstream says; absent, no cap
 * @param maxMemory           the most bytes this route's cache holds, such as {@code 64MiB}
 * @param maxEntrySize        the largest answer stored, such as {@code 1MiB}; larger ones stream through
 * @param allowClientBypass   whether a client's {@code Cache-Control: no-cache} or {@code no-store} bypasses the cache
 * @param storeSetCookie      whether answers carrying {@code Set-Cookie} are stored (without the cookie)
 * @param storeAuthorized     whether answers to requests carrying {@code Authorization} on a route without
 *                            authentication are stored and shared
 * @param lockTimeout         how long concurrent misses wait for the one upstream call before making their own
 * @param invalidateOnUnsafeMethods whether a {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} (any method
 *                            but {@code GET}, {@code HEAD}, {@code OPTIONS} and {@code TRACE}) that succeeds
 *                            removes the answers stored for its URL
 * @param staleIfError        how long past its freshness a stored answer may still be served when the upstream
 *                            fails, for answers whose upstream does not say ({@code stale-if-error=N}, RFC 5861);
 *                            {@code 0s}, the default, only when it does
 */
public record ResponseCacheConfig(List<String> methods,
                                  List<Integer> statuses,
                                  Duration defaultTtl,
                                  Duration maxTtl,
                                  String maxMemory,
                                  String maxEntrySize,
                                  Boolean allowClientBypass,
                                  Boolean storeSetCookie,
                                  Boolean storeAuthorized,
                                  Duration lockTimeout,
                                  Boolean invalidateOnUnsafeMethods,
                                  Duration staleIfError) {

    static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD");
    static final List<Integer> DEFAULT_STATUSES = List.of(200, 203, 204, 300, 301, 404, 410);
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final String DEFAULT_MAX_MEMORY = "64MiB";
    static final String DEFAULT_MAX_ENTRY_SIZE = "1MiB";
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    /** Fills in the defaults; {@code max-ttl} stays absent when not given, meaning "no cap". */
    public ResponseCacheConfig {
        methods = methods == null ? DEFAULT_METHODS : frozen(methods);
        statuses = statuses == null ? DEFAULT_STATUSES : frozen(statuses);
        defaultTtl = defaultTtl == null ? DEFAULT_TTL : defaultTtl;
        maxMemory = maxMemory == null ? DEFAULT_MAX_MEMORY : maxMemory;
        maxEntrySize = maxEntrySize == null ? DEFAULT_MAX_ENTRY_SIZE : maxEntrySize;
        allowClientBypass = allowClientBypass == null || allowClientBypass;
        storeSetCookie = storeSetCookie != null && storeSetCookie;
        storeAuthorized = storeAuthorized != null && storeAuthorized;
        lockTimeout = lockTimeout == null ? DEFAULT_LOCK_TIMEOUT : lockTimeout;
        invalidateOnUnsafeMethods = invalidateOnUnsafeMethods == null || invalidateOnUnsafeMethods;
        staleIfError = staleIfError == null ? Duration.ZERO : staleIfError;
    }

    // List.copyOf refuses nulls; the check names a null item rather than failing here.
    private static <T> List<T> frozen(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
