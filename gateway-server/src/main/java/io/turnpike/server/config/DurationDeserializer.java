package io.turnpike.server.config;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads durations written as a whole number and one unit: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h},
 * {@code 1d}. One short form keeps config files uniform; ISO-8601 ({@code PT5S}), compound values
 * ({@code 1m30s}), signs, spaces and spelled-out units are refused rather than guessed at. A value that
 * does not parse goes to the context's problem handler, which records it with its location.
 */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {

    /** Shown in error messages and the configuration reference. */
    static final String ACCEPTED_FORMS = "a duration such as 500ms, 2s, 1m, 1h or 1d";

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    DurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
        String text = p.getText();
        Duration parsed = parse(text);
        return parsed != null ? parsed : (Duration) ctxt.handleWeirdStringValue(Duration.class, text, ACCEPTED_FORMS);
    }

    /**
     * Parses one duration.
     *
     * @param text the text, such as {@code 500ms}
     * @return the duration, or null when the text is not an accepted form or is too large
     */
    static Duration parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            return Duration.of(Long.parseLong(m.group(1)), unit(m.group(2)));
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return null;
        }
    }

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
    }
}
