package io.turnpike.plugins.transformer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Headers;

/**
 * The JSON body operations of {@code request-transformer} and {@code response-transformer}, in the order they run: remove, rename, replace
 * (only present fields), add (only absent ones) and set (either way). A path names a field by its dotted way
 * down from the top-level object ({@code order.customer.email}); when the top level is an array, each of its
 * objects is edited alike. Holds the validated config's collections, as they are.
 *
 * @param remove  paths of fields to remove
 * @param rename  path to the field's new name, in the same object
 * @param replace path to value, written only when the field is present
 * @param add     path to value, written only when the field is absent, with the objects on its way
 * @param set     path to value, written either way, with the objects on its way
 */
record JsonEdits(List<String> remove, Map<String, String> rename, Map<String, JsonNode> replace,
                 Map<String, JsonNode> add, Map<String, JsonNode> set) {

    /**
     * @param headers a request's or an answer's fields
     * @return whether its {@code Content-Type} is JSON: {@code application/json} or any {@code +json} type
     */
    static boolean describeJson(Headers headers) {
        String mediaType = headers.first("Content-Type").orElse("").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** Whether no operation is configured, so that bodies can stream untouched. */
    boolean isEmpty() {
        return remove.isEmpty() && rename.isEmpty() && replace.isEmpty() && add.isEmpty() && set.isEmpty();
    }

    /**
     * Applies every operation, in place.
     *
     * @param root the parsed body
     * @return whether anything changed
     */
    boolean apply(JsonNode root) {
        if (root instanceof ObjectNode object) {
            return applyTo(object);
        }
        boolean changed = false;
        if (root.isArray()) {
            for (JsonNode element : root) {
                if (element instanceof ObjectNode object) {
                    changed |= applyTo(object);
                }
            }
        }
        return changed;
    }

    private boolean applyTo(ObjectNode root) {
        boolean changed = false;
        for (String path : remove) {
            ObjectNode parent = parent(root, path, false);
            changed |= parent != null && parent.remove(last(path)) != null;
        }
        for (Map.Entry<String, String> entry : rename.entrySet()) {
            ObjectNode parent = parent(root, entry.getKey(), false);
            JsonNode moved = parent == null ? null : parent.remove(last(entry.getKey()));
            if (moved != null) {
                parent.set(entry.getValue(), moved);
                changed = true;
            }
        }
        for (Map.Entry<String, JsonNode> entry : replace.entrySet()) {
            ObjectNode parent = parent(root, entry.getKey(), false);
            if (parent != null && parent.has(last(entry.getKey()))) {
                parent.set(last(entry.getKey()), entry.getValue().deepCopy());
                changed = true;
            }
        }
        for (Map.Entry<String, JsonNode> entry : add.entrySet()) {
            ObjectNode parent = parent(root, entry.getKey(), true);
            if (parent != null && !parent.has(last(entry.getKey()))) {
                parent.set(last(entry.getKey()), entry.getValue().deepCopy());
                changed = true;
            }
        }
        for (Map.Entry<String, JsonNode> entry : set.entrySet()) {
            ObjectNode parent = parent(root, entry.getKey(), true);
            if (parent != null) {
                parent.set(last(entry.getKey()), entry.getValue().deepCopy());
                changed = true;
            }
        }
        return changed;
    }

    /**
     * The object that holds a path's last field.
     *
     * @param create make the objects on the way that are absent
     * @return the object, or null when the way is absent (and not to be made) or goes through something else
     */
    private static ObjectNode parent(ObjectNode root, String path, boolean create) {
        String[] steps = path.split("\\.");
        ObjectNode current = root;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = current.get(steps[i]);
            if (next == null && create) {
                next = current.putObject(steps[i]);
            }
            if (!(next instanceof ObjectNode object)) {
                return null;
            }
            current = object;
        }
        return current;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * Every problem in the operations, keyed as in the plugin's config.
     *
     * @return the problems; empty when they are valid
     */
    List<ConfigError> errors() {
        List<ConfigError> errors = new ArrayList<>();
        for (int i = 0; i < remove.size(); i++) {
            path("remove-json[" + i + "]", remove.get(i), errors);
        }
        rename.forEach((path, name) -> {
            path("rename-json." + path, path, errors);
            if (name == null || name.isEmpty() || name.contains(".")) {
                errors.add(new ConfigError("rename-json." + path, "must give a new field name without dots"));
            }
        });
        Map<String, String> written = new HashMap<>();
        values("replace-json", replace, written, errors);
        values("add-json", add, written, errors);
        values("set-json", set, written, errors);
        return errors;
    }

    private static void values(String operation, Map<String, JsonNode> values, Map<String, String> written,
                               List<ConfigError> errors) {
        values.keySet().forEach(path -> {
            path(operation + "." + path, path, errors);
            String earlier = written.putIfAbsent(path, operation);
            if (earlier != null) {
                errors.add(new ConfigError(operation + "." + path, "is also in " + earlier
                        + "; a field may appear in only one of replace-json, add-json and set-json"));
            }
        });
    }

    private static void path(String key, String path, List<ConfigError> errors) {
        if (path == null || path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            errors.add(new ConfigError(key, "must be a field name, or names joined by dots such as order.total"));
        }
    }
}
