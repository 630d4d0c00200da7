package io.turnpike.server.config;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads booleans strictly: {@code true}, {@code false}, or either as a string (which is what an environment
 * variable yields). Jackson's own would take {@code 1} as true; a flag such as {@code allow-encoded-slashes}
 * deserves an explicit word. Refusals go to the problem handler; for a primitive component they read as
 * false rather than null, so Jackson does not add a second error about the null.
 */
final class StrictBooleanDeserializer extends StdScalarDeserializer<Boolean> {

    private final boolean primitive;

    StrictBooleanDeserializer(boolean primitive) {
        super(primitive ? boolean.class : Boolean.class);
        this.primitive = primitive;
    }

    /** A primitive has no "unset": absent or null, it is an error (thrown; Jackson offers no handler hook). */
    @Override
    public Boolean getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        if (primitive) {
            ctxt.reportInputMismatch(this, "no value for a required %s", handledType());
        }
        return null;
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        Boolean value = read(p, ctxt);
        return value == null && primitive ? Boolean.FALSE : value;
    }

    private Boolean read(JsonParser p, DeserializationContext ctxt) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> switch (p.getText().strip()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> (Boolean) ctxt.handleWeirdStringValue(handledType(), p.getText(), "not true or false");
            };
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    (Boolean) ctxt.handleWeirdNumberValue(handledType(), p.getNumberValue(), "not true or false");
            default -> (Boolean) ctxt.handleUnexpectedToken(handledType(), p);
        };
    }
}
