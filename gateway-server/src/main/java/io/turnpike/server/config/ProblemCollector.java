package io.turnpike.server.config;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

/**
 * Turns each binding problem into an error line with its location and lets Jackson carry on, so one
 * pass reports every problem in a tree. A value in error binds as null; the binder then sets it aside and
 * binds again, so no check ever sees the null.
 *
 * <p>One instance per bind call: it accumulates that call's problems.
 */
final class ProblemCollector extends DeserializationProblemHandler {

    private static final int MAX_SHOWN_TEXT = 40;
    private static final PropertyNamingStrategies.NamingBase KEBAB_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

    private final String basePath;
    private final List<BindingProblem> problems;

    ProblemCollector(String basePath, List<BindingProblem> problems) {
        this.basePath = basePath;
        this.problems = problems;
    }

    private void add(List<Object> at, String message) {
        problems.add(BindingProblem.of(basePath, at, message));
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        add(steps(p, propertyName), "unknown key" + allowedKeys(deserializer));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                         String failureMsg) {
        add(steps(ctxt.getParser(), null), "expected " + describe(targetType) + ", got " + quote(valueToConvert));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                         String failureMsg) {
        add(steps(ctxt.getParser(), null), "expected " + describe(targetType) + ", got " + valueToConvert);
        return null;
    }

    @Override
    public Object handleWeirdNativeValue(DeserializationContext ctxt, JavaType targetType, Object valueToConvert,
                                         JsonParser p) {
        add(steps(p, null), "expected " + describe(targetType.getRawClass()) + ", got " + valueToConvert);
        return null;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                        String failureMsg) throws IOException {
        add(steps(p, null), "expected " + describe(targetType.getRawClass()) + ", got " + describe(t, p));
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                                            ValueInstantiator valueInsta, JsonParser p, String msg)
            throws IOException {
        add(steps(p, null), "expected " + describe(instClass) + ", got " + describe(p.currentToken(), p));
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                                             Throwable t) {
        // A record's constructor refused its arguments (a plugin's config record may check them there);
        // the constructor's own message is the best description there is.
        Throwable cause = t.getCause() != null ? t.getCause() : t;
        String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        add(steps(ctxt.getParser(), null), why);
        return null;
    }

    /**
     * The keys and list indexes that lead to the parser's current value.
     *
     * @param key the key being handled when the parser's context may not name it yet, else null
     */
    private static List<Object> steps(JsonParser p, String key) {
        List<Object> steps = new ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
            // A name is checked first: the context Jackson builds to replay a record's buffered unknown keys
            // can be typed as a list yet carry the key's name.
            if (c.getCurrentName() != null) {
                steps.addFirst(c.getCurrentName());
            } else if (c.inArray() && c.getEntryCount() > 0) {
                // a list just entered has no current item yet, so it adds no index
                steps.addFirst(c.getCurrentIndex());
            }
        }
        if (key != null && (steps.isEmpty() || !key.equals(steps.getLast()))) {
            steps.add(key);
        }
        return steps;
    }

    private static String allowedKeys(JsonDeserializer<?> deserializer) {
        if (deserializer == null) {
            return "";
        }
        Class<?> type = deserializer.handledType();
        List<String> names;
        if (type != null && type.isRecord()) {
            // declaration order reads better than Jackson's hash order
            names = Arrays.stream(type.getRecordComponents())
                    .map(c -> KEBAB_CASE.translate(c.getName()))
                    .toList();
        } else {
            Collection<Object> known = deserializer.getKnownPropertyNames();
            names = known == null ? List.of() : known.stream().map(String::valueOf).sorted().toList();
        }
        return names.isEmpty() ? "" : "; allowed keys: " + String.join(", ", names);
    }

    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return DurationDeserializer.ACCEPTED_FORMS;
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "a value";
        }
        return "a mapping";
    }

    private static String describe(JsonToken token, JsonParser p) throws IOException {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT, FIELD_NAME -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> quote(p.getText());
            case VALUE_NULL -> "nothing";
            default -> p.getText();
        };
    }

    private static String quote(String text) {
        String shown = text.length() > MAX_SHOWN_TEXT ? text.substring(0, MAX_SHOWN_TEXT) + "..." : text;
        return '"' + shown + '"';
    }
}
