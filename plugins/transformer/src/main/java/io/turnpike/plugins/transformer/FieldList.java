package io.turnpike.plugins.transformer;

import java.util.ArrayList;
import java.util.List;

import io.turnpike.api.Headers;

/**
 * One request's header fields while the filter edits them. {@link Headers.Builder} cannot be asked what
 * it holds, and replace, add and rename depend on what earlier operations left, so the edits happen on
 * this list and the result is built once. Made and dropped within one request; not thread-safe.
 */
final class FieldList {

    private final Headers original;
    private final List<Field> fields = new ArrayList<>();
    private boolean changed;

    FieldList(Headers original) {
        this.original = original;
        original.forEach((name, value) -> fields.add(new Field(name, value)));
    }

    boolean contains(String name) {
        return fields.stream().anyMatch(field -> field.is(name));
    }

    /** Every value of a field, in order; empty when it is absent. */
    List<String> values(String name) {
        return fields.stream().filter(field -> field.is(name)).map(Field::value).toList();
    }

    void remove(String name) {
        changed |= fields.removeIf(field -> field.is(name));
    }

    void add(String name, String value) {
        fields.add(new Field(name, value));
        changed = true;
    }

    void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    /** The edited headers, or the very headers the request came with when nothing changed. */
    Headers toHeaders() {
        if (!changed) {
            return original;
        }
        Headers.Builder builder = Headers.builder();
        fields.forEach(field -> builder.add(field.name(), field.value()));
        return builder.build();
    }

    private record Field(String name, String value) {

        boolean is(String other) {
            return name.equalsIgnoreCase(other);
        }
    }
}
