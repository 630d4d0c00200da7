package io.turnpike.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Immutable HTTP header fields: names compare case-insensitively and keep the case they were given in,
 * fields keep their order, and a name may repeat.
 *
 * <p>Values are checked on the way in: a name or value holding CR, LF or NUL is refused with
 * {@link IllegalArgumentException}, so no plugin can split a header.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(new String[0], 0);

    /** Alternating name, value; only the first {@code size * 2} slots are used. */
    private final String[] fields;
    private final int size;

    private Headers(String[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    /**
     * No fields.
     *
     * @return the empty headers
     */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Headers from name, value pairs.
     *
     * @param namesAndValues an even number of strings: name, value, name, value...
     * @return the headers
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name, value pairs, got an odd number of strings");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /**
     * A builder for new headers.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder(new String[32], 0);
    }

    /**
     * The first value of a field.
     *
     * @param name the field name, any case
     * @return the first value, or empty when the field is absent
     */
    public Optional<String> first(String name) {
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                return Optional.of(fields[2 * i + 1]);
            }
        }
        return Optional.empty();
    }

    /**
     * Every value of a field, in order.
     *
     * @param name the field name, any case
     * @return the values, empty when the field is absent
     */
    public List<String> all(String name) {
        int first = indexOf(name);
        if (first < 0) {
            return List.of();
        }
        List<String> values = new ArrayList<>(2);
        for (int i = first; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                values.add(fields[2 * i + 1]);
            }
        }
        return List.copyOf(values);
    }

    /**
     * Whether a field is present.
     *
     * @param name the field name, any case
     * @return true when at least one field has that name
     */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * The distinct field names, in the case and order of their first appearance.
     *
     * @return the names
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            if (indexOf(fields[2 * i]) == i) {
                names.add(fields[2 * i]);
            }
        }
        return names;
    }

    /**
     * Calls the action once per field, in order; a repeated name is passed once per value.
     *
     * @param action receives each name and value
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(fields[2 * i], fields[2 * i + 1]);
        }
    }

    /**
     * The number of fields, counting each value of a repeated name.
     *
     * @return the number of fields
     */
    public int size() {
        return size;
    }

    /**
     * These headers with a field set to one value, replacing every earlier value of that name.
     *
     * @param name  the field name
     * @param value the value
     * @return new headers
     */
    public Headers with(String name, String value) {
        return toBuilder().set(name, value).build();
    }

    /**
     * These headers with one more value for a field, after any it has.
     *
     * @param name  the field name
     * @param value the value
     * @return new headers
     */
    public Headers plus(String name, String value) {
        return toBuilder().add(name, value).build();
    }

    /**
     * These headers without any field of that name.
     *
     * @param name the field name, any case
     * @return new headers, or these when the field is absent
     */
    public Headers without(String name) {
        return contains(name) ? toBuilder().remove(name).build() : this;
    }

    /**
     * A builder that starts from these headers.
     *
     * @return a builder holding a copy of these fields
     */
    public Builder toBuilder() {
        return new Builder(Arrays.copyOf(fields, Math.max(2 * size + 8, 16)), size);
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers that
                && size == that.size
                && Arrays.equals(fields, 0, 2 * size, that.fields, 0, 2 * size);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < 2 * size; i++) {
            hash = 31 * hash + fields[i].hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Headers[");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(fields[2 * i]).append(": ").append(fields[2 * i + 1]);
        }
        return text.append(']').toString();
    }

    /** Collects fields for new {@link Headers}. Not thread-safe; use once. */
    public static final class Builder {

        private String[] fields;
        private int size;

        private Builder(String[] fields, int size) {
            this.fields = fields;
            this.size = size;
        }

        /**
         * Adds a value for a field, after any it has.
         *
         * @param name  the field name
         * @param value the value
         * @return this builder
         */
        public Builder add(String name, String value) {
            checkName(name);
            checkValue(name, value);
            if (2 * size + 2 > fields.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
            }
            fields[2 * size] = name;
            fields[2 * size + 1] = value;
            size++;
            return this;
        }

        /**
         * Sets a field to one value, replacing every earlier value of that name.
         *
         * @param name  the field name
         * @param value the value
         * @return this builder
         */
        public Builder set(String name, String value) {
            return remove(name).add(name, value);
        }

        /**
         * Removes every field of that name.
         *
         * @param name the field name, any case
         * @return this builder
         */
        public Builder remove(String name) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (!fields[2 * i].equalsIgnoreCase(name)) {
                    fields[2 * kept] = fields[2 * i];
                    fields[2 * kept + 1] = fields[2 * i + 1];
                    kept++;
                }
            }
            Arrays.fill(fields, 2 * kept, 2 * size, null);
            size = kept;
            return this;
        }

        /**
         * The headers collected so far.
         *
         * @return immutable headers
         */
        public Headers build() {
            return size == 0 ? EMPTY : new Headers(Arrays.copyOf(fields, 2 * size), size);
        }

        private static void checkName(String name) {
            Objects.requireNonNull(name, "header name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty header name");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == ':') {
                    throw new IllegalArgumentException("header name has a forbidden character: " + printable(name));
                }
            }
        }

        private static void checkValue(String name, String value) {
            Objects.requireNonNull(value, () -> "value of header " + name);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("value of header " + name + " has CR, LF or NUL");
                }
            }
        }

        private static String printable(String text) {
            return text.codePoints()
                    .mapToObj(c -> c < ' ' || c >= 0x7f ? String.format("\\u%04x", c) : Character.toString(c))
                    .reduce("", String::concat);
        }
    }
}
