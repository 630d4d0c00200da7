package io.turnpike.plugins.responsecache;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** HTTP dates in the IMF-fixdate form every current sender uses (RFC 9110 section 5.6.7). */
final class HttpDates {

    private HttpDates() {
    }

    /** @return the instant, or empty when the text is not a date in that form */
    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
