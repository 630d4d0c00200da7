package io.turnpike.server.config;

import java.nio.file.Path;
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

    /** Each round sets aside at least one value, and a value takes a round or two: this is generous. */
    private static final int MAX_BINDING_ROUNDS = 32;

    private final JsonMapper mapper;

    /** A binder that keeps relative {@link Path} values as written: for the gateway's own file. */
    public ConfigBinder() {
        this(null);
    }

    /**
     * A binder for plugins' configs.
     *
     * @param baseDirectory the folder relative {@link Path} values resolve against: the config file's
     */
    public ConfigBinder(Path baseDirectory) {
        SimpleModule strictScalars = new SimpleModule("turnpike-config")
                .addDeserializer(Path.class, new PathDeserializer(baseDirectory))
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
        Bound<T> bound = bindWhole(node, type, path);
        errors.addAll(bound.errors());
        return bound.errors().isEmpty() ? bound.value() : Optional.empty();
    }

    /**
     * Binds a whole file's tree, finding every binding error and still giving a value for the checks that
     * need one (references across sections, unique ids), so that both kinds of error come out of one run.
     *
     * <p>Each value in error is set aside and the rest bound again, until what is left binds: a value is
     * first emptied, so that a broken entry of a named mapping (an upstream, say) still exists for the
     * references to it, and left out when even that does not bind, so that its default applies. A list item
     * is never left out, since the items after it would change index: its list is. Binding again also finds
     * the errors that a first pass cannot reach, as Jackson stops at a value that binds as null in a mapping.
     *
     * @param node the tree, not modified; null or missing binds as an empty mapping
     * @param type the record type
     * @param path the tree's location, such as {@code routes[2].plugins[0].config}; empty for a whole file
     * @param <T>  the type
     * @return every error, and the value bound from what was left
     */
    public <T> Bound<T> bindWhole(JsonNode node, Class<T> type, String path) {
        JsonNode given = orEmpty(node);
        Attempt<T> attempt = attempt(given, type, path);
        if (attempt.problems().isEmpty()) {
            return new Bound<>(Optional.ofNullable(attempt.value()), List.of(), List.of());
        }
        // only a tree with errors is copied, to take them out of it
        JsonNode tree = given.deepCopy();
        SetAside setAside = new SetAside(tree, path);
        List<String> errors = new ArrayList<>();
        for (int round = 0; round < MAX_BINDING_ROUNDS; round++) {
            if (round > 0) {
                attempt = attempt(tree, type, path);
            }
            List<String> setAsideSoFar = setAside.locations();
            attempt.problems().stream()
                    .map(BindingProblem::error)
                    .filter(error -> !Bound.explains(setAsideSoFar, error) && !errors.contains(error))
                    .forEach(errors::add);
            if (attempt.problems().isEmpty()) {
                return new Bound<>(Optional.ofNullable(attempt.value()), errors, setAsideSoFar);
            }
            // one value can be reported twice in one pass; it is set aside once
            for (List<Object> at : attempt.problems().stream().map(BindingProblem::at).distinct().toList()) {
                if (!setAside.take(at)) {
                    return new Bound<>(Optional.empty(), errors, setAside.locations());
                }
            }
        }
        return new Bound<>(Optional.empty(), errors, setAside.locations());
    }

    /**
     * A whole tree's binding.
     *
     * @param value    the value bound from what was left once the values in error were set aside; the
     *                 tree's own value when there are no errors; empty when nothing sound was left
     * @param errors   every binding error, each as {@code location: message}
     * @param setAside the locations of the values that were emptied or left out
     * @param <T>      the type
     */
    public record Bound<T>(Optional<T> value, List<String> errors, List<String> setAside) {

        public Bound {
            errors = List.copyOf(errors);
            setAside = List.copyOf(setAside);
        }

        /** Whether an error found on the value is only a consequence of a value set aside at or above it. */
        public boolean explains(String error) {
            return explains(setAside, error);
        }

        static boolean explains(List<String> setAside, String error) {
            String at = Locations.ofError(error);
            return setAside.stream().anyMatch(location -> Locations.within(at, location));
        }
    }

    private static JsonNode orEmpty(JsonNode node) {
        return node == null || node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node;
    }

    private <T> Attempt<T> attempt(JsonNode tree, Class<T> type, String path) {
        List<BindingProblem> found = new ArrayList<>();
        reportEmptyListItems(tree, path, List.of(), found);
        T value = null;
        try {
            value = mapper.readerFor(type).withHandler(new ProblemCollector(path, found)).treeToValue(tree, type);
        } catch (InvalidNullException e) {
            // the one problem Jackson cannot hand to a handler; the problems found so far are kept, and a
            // value the collector already reported (and so bound as null) is not reported again as absent
            List<Object> at = steps(e);
            if (found.stream().noneMatch(problem -> problem.at().equals(at))) {
                found.add(BindingProblem.of(path, at, "expected a value, got nothing"));
            }
        } catch (MismatchedInputException e) {
            // a primitive component (a plugin's "int limit") that is absent or null: it has no "unset"
            String expected = e.getTargetType() != null && e.getTargetType().isPrimitive()
                    ? "expected " + ProblemCollector.describe(e.getTargetType()) + ", got nothing"
                    : e.getOriginalMessage();
            found.add(BindingProblem.of(path, steps(e), expected));
        } catch (JsonMappingException e) {
            found.add(BindingProblem.of(path, steps(e), e.getOriginalMessage()));
        } catch (Exception e) {
            found.add(BindingProblem.of(path, List.of(), e.getMessage()));
        }
        return new Attempt<>(value, found);
    }

    private record Attempt<T>(T value, List<BindingProblem> problems) {
    }

    private static void reportEmptyListItems(JsonNode node, String path, List<Object> steps, List<BindingProblem> found) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> item = append(steps, i);
                if (node.get(i).isNull()) {
                    found.add(BindingProblem.of(path, item, "empty list item"));
                }
                reportEmptyListItems(node.get(i), path, item, found);
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> reportEmptyListItems(e.getValue(), path, append(steps, e.getKey()), found));
        }
    }

    private static List<Object> append(List<Object> steps, Object step) {
        List<Object> longer = new ArrayList<>(steps);
        longer.add(step);
        return longer;
    }

    private static List<Object> steps(JsonMappingException e) {
        List<Object> steps = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            steps.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        return steps;
    }
}
