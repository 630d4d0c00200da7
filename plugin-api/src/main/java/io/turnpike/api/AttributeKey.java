package io.turnpike.api;

import java.util.Objects;

/**
 * A typed key for an {@link Exchange} attribute. Keys compare by identity: declare each as a constant.
 *
 * <pre>{@code
 * public static final AttributeKey<Instant> STARTED = AttributeKey.of("timing.started", Instant.class);
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class AttributeKey<T> {

    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * A new key.
     *
     * @param name a name for logs and error messages
     * @param type the value type, checked when the value is set
     * @param <T>  the value type
     * @return the key
     */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    /**
     * The name given to the key.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The type of the values.
     *
     * @return the type
     */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "AttributeKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
