package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.turnpike.api.Headers;
import io.turnpike.api.Response;

/**
 * An answer the cache may store, with its freshness: the response side of RFC 9111 section 3 for a
 * shared cache, plus the route's rules.
 *
 * @param lifetime     the freshness lifetime
 * @param initialAge   the corrected initial age
 * @param staleIfError how long past its freshness it may stand in for a failing upstream
 * @param varyNames    the request headers its {@code Vary} names, lower case and sorted
 * @param headers      the fields to store
 */
record Admission(Duration lifetime, Duration initialAge, Duration staleIfError, List<String> varyNames,
                 Headers headers) {

    /**
     * @return the admission, or empty when the answer must not be stored
     */
    static Optional<Admission> of(Response response, Settings settings, Instant requestTime, Instant responseTime) {
        if (!settings.statuses().contains(response.status())) {
            return Optional.empty();
        }
        Headers headers = response.headers();
        CacheControl control = CacheControl.of(headers.all("Cache-Control"));
        // no-cache would need revalidation on every use, which this cache does not do: not storing it is the
        // safe reading. private (qualified or not) is never for a shared cache.
        if (control.has("no-store") || control.has("private") || control.has("no-cache")) {
            return Optional.empty();
        }
        if (headers.contains("Set-Cookie") && !settings.storeSetCookie()) {
            return Optional.empty();
        }
        List<String> vary = Keys.varyNames(headers);
        if (vary.contains("*")) {
            return Optional.empty();
        }
        Duration lifetime = Freshness.lifetime(control, headers, responseTime, settings);
        Duration initialAge = Freshness.initialAge(headers, requestTime, responseTime);
        if (lifetime.compareTo(initialAge) <= 0) {
            return Optional.empty();
        }
        Headers stored = headers.without("Age").without(CacheStatus.HEADER).without("Set-Cookie");
        return Optional.of(new Admission(lifetime, initialAge, staleIfError(control, settings), vary, stored));
    }

    /**
     * RFC 5861 section 4, within RFC 9111 section 4.2.4: the upstream's {@code stale-if-error}, else the route's.
     * {@code must-revalidate}, {@code proxy-revalidate} and {@code s-maxage} (which implies the latter) forbid
     * serving the answer stale at all.
     */
    private static Duration staleIfError(CacheControl control, Settings settings) {
        if (control.has("must-revalidate") || control.has("proxy-revalidate") || control.has("s-maxage")) {
            return Duration.ZERO;
        }
        OptionalLong seconds = control.seconds("stale-if-error");
        return seconds.isPresent() ? Duration.ofSeconds(seconds.getAsLong()) : settings.staleIfError();
    }

    CachedResponse entry(int status, byte[] body, Instant responseTime) {
        return new CachedResponse(status, headers, body, responseTime, initialAge, lifetime, staleIfError);
    }
}
