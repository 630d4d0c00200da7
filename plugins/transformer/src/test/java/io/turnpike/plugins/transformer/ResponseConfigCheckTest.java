package io.turnpike.plugins.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.turnpike.api.ConfigError;
import org.junit.jupiter.api.Test;

/** What {@code response-transformer}'s validate says, each problem under its key. */
class ResponseConfigCheckTest {

    private static List<ConfigError> validate(String yaml) {
        return new ResponseTransformerPlugin().validate(Fixtures.responseConfig(yaml));
    }

    @Test
    void anEmptyConfigIsValidAndDoesNothing() {
        assertEquals(List.of(), validate("{}"));
    }

    @Test
    void headerOperationsAreCheckedAsTheRequestTransformersAre() {
        assertEquals(List.of(new ConfigError("set-headers.X-Env", "has CR, LF, NUL or another control character in"
                        + " its value, which could split the header")),
                validate("set-headers: {X-Env: \"a\\r\\nb\"}"));
    }

    @Test
    void jsonOperationsAreChecked() {
        assertEquals(List.of(new ConfigError("remove-json[0]",
                "must be a field name, or names joined by dots such as order.total")), validate("remove-json: [.a]"));
    }

    @Test
    void maxBodySizeIsBounded() {
        assertEquals(List.of(new ConfigError("max-body-size", "must be 0 to 16777216 bytes, got -1")),
                validate("max-body-size: -1"));
    }
}
