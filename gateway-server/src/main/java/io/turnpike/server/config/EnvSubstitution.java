package io.turnpike.server.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} in string values with environment variables;
 * {@code $${} is a literal {@code ${}. It works on the parsed tree, never on the text, so a variable's value
 * is always one string and can never inject YAML structure. Keys are left alone.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    EnvSubstitution(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The outcome of substituting a tree.
     *
     * @param tree       a copy with variables replaced; a value in error is left as written
     * @param errors     each as {@code location: message}
     * @param unresolved the locations of the values left as written
     */
    record Result(JsonNode tree, List<String> errors, Set<String> unresolved) {

        /** Whether a later error at some location is only a consequence of a value left unresolved. */
        boolean explains(String laterError) {
            return unresolved.stream().anyMatch(location -> laterError.startsWith(location + ":"));
        }
    }

    /**
     * Substitutes every string value of a tree.
     *
     * @param tree the parsed file, not modified
     * @return the copy and the errors
     */
    Result substitute(JsonNode tree) {
        List<String> errors = new ArrayList<>();
        Set<String> unresolved = new HashSet<>();
        JsonNode copy = substitute(tree, "", errors, unresolved);
        return new Result(copy, List.copyOf(errors), Set.copyOf(unresolved));
    }

    private JsonNode substitute(JsonNode node, String location, List<String> errors, Set<String> unresolved) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e ->
                    copy.set(e.getKey(), substitute(e.getValue(), Locations.key(location, e.getKey()), errors, unresolved)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(substitute(node.get(i), Locations.index(location, i), errors, unresolved));
            }
            return copy;
        }
        if (node.isTextual() && node.textValue().contains("${")) {
            String replaced = substitute(node.textValue(), Locations.orTopLevel(location), errors);
            if (replaced == null) {
                unresolved.add(Locations.orTopLevel(location));
                return node;
            }
            return JsonNodeFactory.instance.textNode(replaced);
        }
        return node;
    }

    /** The text with its variables replaced, or null after recording why it cannot be. */
    private String substitute(String text, String location, List<String> errors) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    errors.add(location + ": \"${\" without a closing \"}\"; write \"$${\" for a literal \"${\"");
                    return null;
                }
                String value = resolve(text.substring(i + 2, end), location, errors);
                if (value == null) {
                    return null;
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference, String location, List<String> errors) {
        int colon = reference.indexOf(':');
        String name = colon < 0 ? reference : reference.substring(0, colon);
        String fallback = colon < 0 ? null : reference.substring(colon + 1);
        if (!NAME.matcher(name).matches()) {
            errors.add(location + ": \"${" + reference + "}\" does not name a variable (letters, digits and _)");
            return null;
        }
        if (fallback != null && fallback.contains("${")) {
            errors.add(location + ": the default of ${" + name + "} holds a variable; nesting is not supported");
            return null;
        }
        String value = environment.get(name);
        if (value == null && fallback == null) {
            errors.add(location + ": environment variable " + name + " is not set and has no default");
        }
        return value != null ? value : fallback;
    }
}
