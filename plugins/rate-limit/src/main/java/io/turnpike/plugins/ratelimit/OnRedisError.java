package io.turnpike.plugins.ratelimit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The values of {@code on-redis-error}: what a route does while Redis cannot count its requests. */
enum OnRedisError {
    /** Count in this gateway's memory, as a route without {@code redis} does: the limit holds per gateway. */
    LOCAL,
    /** Let every request through, uncounted. */
    ALLOW,
    /** Answer 503. */
    REFUSE;

    static Optional<OnRedisError> parse(String text) {
        return Arrays.stream(values()).filter(value -> value.text().equals(text)).findFirst();
    }

    String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
