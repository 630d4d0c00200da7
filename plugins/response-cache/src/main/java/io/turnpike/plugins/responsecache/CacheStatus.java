package io.turnpike.plugins.responsecache;

/** What the cache did for a request, sent to the client in {@code X-Cache-Status}. */
enum CacheStatus {
    /** Answered from a fresh stored copy; the upstream was not asked. */
    HIT,
    /** No stored copy: the upstream answered, and the answer was stored if it may be. */
    MISS,
    /** The cache was not used: a method it does not cache, a client's no-cache, credentials, a range. */
    BYPASS,
    /** A stored copy was found but no longer fresh: the upstream answered, and the answer replaced it. */
    EXPIRED,
    /** A stored copy was no longer fresh, and the upstream said it still holds (304): served, fresh again. */
    REVALIDATED,
    /** A stored copy was no longer fresh and the upstream failed (5xx, or no answer): served within its stale-if-error. */
    STALE;

    static final String HEADER = "X-Cache-Status";
}
