package io.turnpike.plugins.transformer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collections of the transformers' configs: absent means empty, and the rest is copied unmodifiable.
 * {@code List.copyOf} and {@code Map.copyOf} refuse nulls (which validation must be able to name) and
 * {@code Map.copyOf} forgets the YAML's order, which the operations follow.
 */
final class ConfigCollections {

    private ConfigCollections() {
    }

    static <T> List<T> frozen(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
