package io.turnpike.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Binds config trees to immutable records: kebab-case keys, durations such as {@code 500ms}, unknown keys
 * refused. Errors are appended to a list with their full location, never thrown, so that every error in
 * a file can be reported at once.
 *
 * <p>Thread-safe and cheap to share: each call gets its own problem handler.
 */
public final class ConfigBinder {

    private final JsonMapper mapper;

    public ConfigBinder() {
        SimpleModule strictScalars = new SimpleModule("turnpike-config")
                .addDeserializer(Duration.class, new DurationDeserializer())
                .addDeserializer(Integer.class, WholeNumberDeserializer.integers(false))
                .addDeserializer(int.class, WholeNumberDeserializer.integers(true))
                .addDeserializer(Long.class, WholeNumberDeserializer.longs(false))
                .addDeserializer(long.class, WholeNumberDeserializer.longs(true))
                .addDeserializer(Boolean.class, new StrictBooleanDeserializer(false))
                .addDeserializer(boolean.class, new StrictBooleanDeserializer(true));
        JsonMapper.Builder builder = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(strictScalars);
        // An empty list item or mapping value ("- " alone, "key: ~") is a mistake, never "absent": a header
        // condition silently dropped would widen a route. Empty list items are reported before binding, so
        // here they are skipped; an empty mapping value makes Jackson throw, see bind().
        for (Class<?> list : List.of(List.class, Set.class)) {
            builder.withConfigOverride(list, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.SKIP)));
        }
        builder.withConfigOverride(Map.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
        this.mapper = builder.build();
    }

    /**
     * Binds a tree to a type.
     *
     * @param node   the tree; null or missing binds as an empty mapping, so every default applies
     * @param type   the record type
     * @param path   the tree's location, such as {@code routes[2].plugins[0].config}; empty for a whole file
     * @param errors where errors go, each as {@code location: message}
     * @param <T>    the type
     * @return the value, or empty when there were errors
     */
    public <T> Optional<T> bind(JsonNode node, Class<T> type, String path, List<String> errors) {
        JsonNode tree = node == null || node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node;
        List<String> found = new ArrayList<>();
        reportEmptyListItems(tree, path, found);
        T value = null;
        try {
            value = mapper.readerFor(type).withHandler(new ProblemCollector(path, found)).treeToValue(tree, type);
        } catch (InvalidNullException e) {
            // the one problem Jackson cannot hand to a handler; the errors found so far are kept
            found.add(location(path, e) + ": expected a value, got nothing");
        } catch (MismatchedInputException e) {
            // a primitive component (a plugin's "int limit") that is absent or null: it has no "unset"
            String expected = e.getTargetType() != null && e.getTargetType().isPrimitive()
                    ? "expected " + ProblemCollector.describe(e.getTargetType()) + ", got nothing"
                    : e.getOriginalMessage();
            found.add(location(path, e) + ": " + expected);
        } catch (JsonMappingException e) {
            found.add(location(path, e) + ": " + e.getOriginalMessage());
        } catch (Exception e) {
            found.add(Locations.orTopLevel(path) + ": " + e.getMessage());
        }
        errors.addAll(found);
        return found.isEmpty() ? Optional.ofNullable(value) : Optional.empty();
    }

    private static void reportEmptyListItems(JsonNode node, String location, List<String> found) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull()) {
                    found.add(Locations.index(location, i) + ": empty list item");
                }
                reportEmptyListItems(node.get(i), Locations.index(location, i), found);
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> reportEmptyListItems(e.getValue(), Locations.key(location, e.getKey()), found));
        }
    }

    private static String location(String base, JsonMappingException e) {
        String location = base;
        for (JsonMappingException.Reference ref : e.getPath()) {
            location = ref.getFieldName() != null
                    ? Locations.key(location, ref.getFieldName())
                    : Locations.index(location, ref.getIndex());
        }
        return Locations.orTopLevel(location);
    }
}
