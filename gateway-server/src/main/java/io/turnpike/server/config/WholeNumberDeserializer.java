package io.turnpike.server.config;

import java.io.IOException;
import java.util.function.LongFunction;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads integers strictly: a whole number in range, or a string of one (which is what an environment
 * variable yields). Unlike Jackson's own, it never truncates {@code 1.5} nor throws: every refusal goes
 * to the problem handler so the rest of the file is still checked.
 *
 * <p>For a primitive component a refused value reads as 0, never null, so Jackson does not add a second
 * error about the null; the caller discards the result anyway.
 *
 * @param <T> {@link Integer} or {@link Long}
 */
final class WholeNumberDeserializer<T extends Number> extends StdScalarDeserializer<T> {

    private final long min;
    private final long max;
    private final LongFunction<T> box;
    private final boolean primitive;

    private WholeNumberDeserializer(Class<T> type, long min, long max, LongFunction<T> box) {
        super(type);
        this.min = min;
        this.max = max;
        this.box = box;
        this.primitive = type.isPrimitive();
    }

    static WholeNumberDeserializer<Integer> integers(boolean primitive) {
        return new WholeNumberDeserializer<>(primitive ? int.class : Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE,
                v -> (int) v);
    }

    static WholeNumberDeserializer<Long> longs(boolean primitive) {
        return new WholeNumberDeserializer<>(primitive ? long.class : Long.class, Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        T value = (T) read(p, ctxt);
        return value == null && primitive ? box.apply(0) : value;
    }

    /** A primitive has no "unset": absent or null, it is an error (thrown; Jackson offers no handler hook). */
    @Override
    public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        if (primitive) {
            ctxt.reportInputMismatch(this, "no value for a required %s", handledType());
        }
        return null;
    }

    private Object read(JsonParser p, DeserializationContext ctxt) throws IOException {
        Class<?> type = handledType();
        return switch (p.currentToken()) {
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < min || p.getLongValue() > max
                    ? ctxt.handleWeirdNumberValue(type, p.getNumberValue(), "out of range")
                    : box.apply(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> ctxt.handleWeirdNumberValue(type, p.getNumberValue(), "not whole");
            case VALUE_STRING -> fromText(p.getText(), ctxt);
            default -> ctxt.handleUnexpectedToken(type, p);
        };
    }

    private Object fromText(String text, DeserializationContext ctxt) throws IOException {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return box.apply(value);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, like an out-of-range value
        }
        return ctxt.handleWeirdStringValue(handledType(), text, "not a whole number");
    }
}
