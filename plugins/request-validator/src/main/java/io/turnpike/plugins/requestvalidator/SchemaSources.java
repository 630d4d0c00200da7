package io.turnpike.plugins.requestvalidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.turnpike.api.ConfigError;

/**
 * Where a part's schema comes from: written inline in the config, or in a file of its own (JSON, or YAML for a
 * {@code .yaml} or {@code .yml} file), as a schema kept beside an OpenAPI document is.
 */
final class SchemaSources {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private SchemaSources() {
    }

    /**
     * @param key    the inline key, such as {@code body-schema}; the file's is {@code key + "-file"}
     * @param inline the inline schema, or null
     * @param file   the schema file, or null
     * @param errors where what is wrong goes: both given, or a file that cannot be read as a document
     * @return the schema, when one is given and readable
     */
    static Optional<JsonNode> schema(String key, JsonNode inline, Path file, List<ConfigError> errors) {
        if (inline != null && file != null) {
            errors.add(new ConfigError(key + "-file", "give " + key + " or " + key + "-file, not both"));
            return Optional.empty();
        }
        if (file == null) {
            return Optional.ofNullable(inline);
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper reader = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        try {
            JsonNode schema = reader.readTree(Files.readAllBytes(file));
            if (schema == null || schema.isMissingNode()) {
                errors.add(new ConfigError(key + "-file", "holds no schema: " + file));
                return Optional.empty();
            }
            return Optional.of(schema);
        } catch (JsonProcessingException unreadable) {
            errors.add(new ConfigError(key + "-file", "is not valid " + (reader == YAML ? "YAML" : "JSON") + ": "
                    + file + " (" + unreadable.getOriginalMessage() + ")"));
        } catch (IOException unreadable) {
            errors.add(new ConfigError(key + "-file", "cannot be read: " + file + " ("
                    + unreadable.getClass().getSimpleName() + ")"));
        }
        return Optional.empty();
    }

    /**
     * A schema {@link #schema} found readable when the config was checked, read again for the filter.
     *
     * @throws IllegalStateException when the file changed in between and no longer reads
     */
    static JsonNode loaded(String key, JsonNode inline, Path file) {
        List<ConfigError> errors = new ArrayList<>();
        Optional<JsonNode> schema = schema(key, inline, file, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(key + "-file changed while loaded: " + errors.getFirst().message());
        }
        return schema.orElse(null);
    }
}
