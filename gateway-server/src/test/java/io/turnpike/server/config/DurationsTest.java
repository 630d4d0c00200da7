package io.turnpike.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations are a whole number and one unit: ms, s, m, h or d. */
class DurationsTest {

    record Timeouts(Duration timeout) {
    }

    private final ConfigBinder binder = new ConfigBinder();
    private final List<String> errors = new ArrayList<>();

    private Duration bind(String value) {
        return binder.bind(ConfigBinderTest.tree("timeout: " + value), Timeouts.class, "x", errors)
                .map(Timeouts::timeout)
                .orElse(null);
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "2s, PT2S", "1m, PT1M", "1h, PT1H", "1d, PT24H", "0s, PT0S", "90s, PT1M30S"})
    void acceptedForms(String written, Duration expected) {
        assertEquals(expected, bind(written));
        assertEquals(List.of(), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 seconds", "-1s", "PT5S", "1m30s", "5S", "1.5s", "s", "99999999999999999999d"})
    void otherFormsAreErrorsNamingTheLocationAndTheAcceptedForms(String written) {
        bind("\"" + written + "\"");

        assertEquals(List.of("x.timeout: expected a duration such as 500ms, 2s, 1m, 1h or 1d, got \""
                + written + "\""), errors);
    }

    @Test
    void bareNumberIsAnErrorBecauseItsUnitWouldBeAGuess() {
        bind("5");

        assertEquals(List.of("x.timeout: expected a duration such as 500ms, 2s, 1m, 1h or 1d, got 5"), errors);
    }
}
