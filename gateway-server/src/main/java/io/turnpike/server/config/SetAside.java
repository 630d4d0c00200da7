package io.turnpike.server.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Takes values in error out of a tree, in place, so that the rest can be bound: a value is first emptied
 * (an empty mapping), and left out when it was emptied before. A list item is never left out, as the items
 * after it would change index; its whole list is instead.
 *
 * <p>One instance per tree; not thread-safe.
 */
final class SetAside {

    private final JsonNode tree;
    private final String path;
    private final Set<List<Object>> emptied = new HashSet<>();
    private final List<String> locations = new ArrayList<>();

    /**
     * @param tree the tree to change; a copy, since it is changed in place
     * @param path the tree's location, which prefixes the locations of what is set aside
     */
    SetAside(JsonNode tree, String path) {
        this.tree = tree;
        this.path = path;
    }

    /**
     * Sets aside the value at {@code at}, or the nearest enclosing value that can be, when that one cannot
     * (a list item already emptied, or a value that is not there: a required key left out).
     *
     * @param at keys ({@code String}) and list indexes ({@code Integer}) from the tree's root
     * @return false when only the whole tree could go, so nothing sound is left
     */
    boolean take(List<Object> at) {
        for (List<Object> steps = at; !steps.isEmpty(); steps = steps.subList(0, steps.size() - 1)) {
            JsonNode parent = walk(steps.subList(0, steps.size() - 1));
            Object step = steps.getLast();
            JsonNode current = parent == null ? null
                    : step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            if (current == null) {
                continue;
            }
            if (emptied.add(List.copyOf(steps))) {
                ObjectNode empty = JsonNodeFactory.instance.objectNode();
                if (parent instanceof ArrayNode list) {
                    list.set((Integer) step, empty);
                } else {
                    ((ObjectNode) parent).set((String) step, empty);
                }
                locations.add(Locations.of(path, steps));
                return true;
            }
            if (parent instanceof ObjectNode mapping) {
                mapping.remove((String) step);
                return true;
            }
        }
        return false;
    }

    /** @return the locations of the values set aside so far, such as {@code routes[0].upstream} */
    List<String> locations() {
        return List.copyOf(locations);
    }

    private JsonNode walk(List<Object> steps) {
        JsonNode node = tree;
        for (Object step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer index
                    ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) step) : null);
        }
        return node;
    }
}
