package io.turnpike.server.config;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads booleans strictly: {@code true}, {@code false}, or either as a string (which is what an environment
 * variable yields). Jackson's own would take {@code 1} as true; a flag such as {@code allow-encoded-slashes}
 * deserves an explicit word. Refusals go to the problem handler.
 */
final class StrictBooleanDeserializer extends StdScalarDeserializer<Boolean> {

    StrictBooleanDeserializer() {
        super(Boolean.class);
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> switch (p.getText().strip()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> (Boolean) ctxt.handleWeirdStringValue(Boolean.class, p.getText(), "not true or false");
            };
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    (Boolean) ctxt.handleWeirdNumberValue(Boolean.class, p.getNumberValue(), "not true or false");
            default -> (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        };
    }
}
