package io.turnpike.plugins.ratelimit;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.turnpike.api.Headers;

/**
 * The headers that tell a client where it stands: the IETF draft's {@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} and {@code RateLimit-Policy}, and with
 * {@code legacy-headers: true} also Kong's {@code X-RateLimit-Limit-Minute} and
 * {@code X-RateLimit-Remaining-Minute} per limit.
 */
final class RateLimitHeaders {

    private final boolean legacy;
    private final String policy;

    RateLimitHeaders(List<Limit> limits, boolean legacy) {
        this.legacy = legacy;
        this.policy = limits.stream().map(limit -> limit.max() + ";w=" + limit.windowSeconds())
                .collect(Collectors.joining(", "));
    }

    /**
     * Writes the headers for a decision. The three {@code RateLimit-*} numbers describe one limit: for a
     * refused request the one that refused it for longest, else the one closest to running out.
     */
    void write(Headers.Builder headers, Decision decision) {
        Decision.Usage reported = reported(decision);
        headers.set("RateLimit-Limit", Long.toString(reported.limit().max()));
        headers.set("RateLimit-Remaining", Long.toString(reported.remaining()));
        long resetMillis = decision.allowed() ? reported.resetMillis() : reported.retryAfterMillis();
        headers.set("RateLimit-Reset", Long.toString(seconds(resetMillis)));
        headers.set("RateLimit-Policy", policy);
        if (!decision.allowed()) {
            headers.set("Retry-After", Long.toString(seconds(reported.retryAfterMillis())));
        }
        if (legacy) {
            for (Decision.Usage usage : decision.usages()) {
                String window = capitalized(usage.limit().name());
                headers.set("X-RateLimit-Limit-" + window, Long.toString(usage.limit().max()));
                headers.set("X-RateLimit-Remaining-" + window, Long.toString(usage.remaining()));
            }
        }
    }

    static Decision.Usage reported(Decision decision) {
        Comparator<Decision.Usage> order = decision.allowed()
                ? Comparator.comparingLong(Decision.Usage::remaining)
                        .thenComparing(usage -> -usage.limit().windowMillis())
                : Comparator.comparingLong(usage -> -usage.retryAfterMillis());
        return decision.usages().stream().min(order).orElseThrow();
    }

    /** Whole seconds, rounded up, and at least 1: a client told 0 would retry at once and be refused again. */
    static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static String capitalized(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
