package io.turnpike.plugins.responsecache;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import io.turnpike.api.Headers;

/** RFC 9111 section 4.2: how long an answer stays fresh, and how old it already is on arrival. */
final class Freshness {

    private Freshness() {
    }

    /**
     * Section 4.2.1 for a shared cache: {@code s-maxage}, else {@code max-age}, else {@code Expires} minus
     * {@code Date}; the route's default when the upstream says none of these; never above the route's cap.
     */
    static Duration lifetime(CacheControl control, Headers headers, Instant responseTime, Settings settings) {
        Duration explicit = explicit(control, headers, responseTime).orElse(settings.defaultTtl());
        return explicit.compareTo(settings.maxTtl()) > 0 ? settings.maxTtl() : explicit;
    }

    private static Optional<Duration> explicit(CacheControl control, Headers headers, Instant responseTime) {
        OptionalLong seconds = control.seconds("s-maxage");
        if (seconds.isEmpty()) {
            seconds = control.seconds("max-age");
        }
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofSeconds(seconds.getAsLong()));
        }
        Optional<String> expires = headers.first("Expires");
        if (expires.isEmpty()) {
            return Optional.empty();
        }
        // An invalid Expires, such as "0", means already expired (section 5.3).
        Optional<Instant> at = HttpDates.parse(expires.get());
        if (at.isEmpty()) {
            return Optional.of(Duration.ZERO);
        }
        Instant date = headers.first("Date").flatMap(HttpDates::parse).orElse(responseTime);
        Duration lifetime = Duration.between(date, at.get());
        return Optional.of(lifetime.isNegative() ? Duration.ZERO : lifetime);
    }

    /** Section 4.2.3: the larger of the apparent age and the upstream's {@code Age} plus the response delay. */
    static Duration initialAge(Headers headers, Instant requestTime, Instant responseTime) {
        Duration apparent = headers.first("Date").flatMap(HttpDates::parse)
                .map(date -> Duration.between(date, responseTime))
                .filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
        long ageValue = headers.first("Age")
                .map(String::strip)
                .filter(age -> !age.isEmpty() && age.length() <= 10 && age.chars().allMatch(c -> c >= '0' && c <= '9'))
                .map(Long::parseLong)
                .orElse(0L);
        Duration corrected = Duration.ofSeconds(ageValue).plus(Duration.between(requestTime, responseTime));
        return apparent.compareTo(corrected) > 0 ? apparent : corrected;
    }
}
