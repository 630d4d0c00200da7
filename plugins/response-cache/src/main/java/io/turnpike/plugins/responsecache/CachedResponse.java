package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.time.Instant;

import io.turnpike.api.Headers;

/**
 * A stored answer with what RFC 9111 section 4.2 needs to tell its age and freshness later.
 *
 * @param status       the status
 * @param headers      the fields to replay, without {@code Age} (computed on every answer) and without cookies
 * @param body         the bytes; shared by every answer served from this entry, never changed
 * @param responseTime when the answer arrived
 * @param initialAge   its corrected initial age, section 4.2.3
 * @param lifetime     its freshness lifetime, section 4.2.1, after the route's default and cap
 * @param staleIfError how long past its freshness it may still answer when the upstream fails (RFC 5861)
 */
record CachedResponse(int status, Headers headers, byte[] body, Instant responseTime, Duration initialAge,
                      Duration lifetime, Duration staleIfError) {

    /** @return the current age: the initial age plus the time since it arrived */
    Duration age(Instant now) {
        Duration resident = Duration.between(responseTime, now);
        return initialAge.plus(resident.isNegative() ? Duration.ZERO : resident);
    }

    /** @return whether it may be served without asking the upstream */
    boolean isFresh(Instant now) {
        return age(now).compareTo(lifetime) < 0;
    }

    /** @return whether it may answer in place of a failing upstream: fresh, or stale within its allowance */
    boolean usableOnError(Instant now) {
        return age(now).compareTo(lifetime.plus(staleIfError)) < 0;
    }

    /** @return how long it stays fresh from its arrival */
    Duration freshFor() {
        return lifetime.minus(initialAge);
    }

    /** @return an estimate of its heap footprint in bytes, for the memory bound */
    int weight() {
        int[] chars = {0};
        headers.forEach((name, value) -> chars[0] += name.length() + value.length() + 16);
        return 96 + body.length + 2 * chars[0];
    }
}
