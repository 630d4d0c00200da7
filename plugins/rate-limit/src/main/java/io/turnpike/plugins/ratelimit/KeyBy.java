package io.turnpike.plugins.ratelimit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The values of {@code by}. */
enum KeyBy {
    CONSUMER, IP, HEADER, ROUTE, GLOBAL;

    static Optional<KeyBy> parse(String text) {
        return Arrays.stream(values()).filter(value -> value.text().equals(text)).findFirst();
    }

    String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
