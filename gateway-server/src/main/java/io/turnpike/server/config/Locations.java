package io.turnpike.server.config;

import java.util.List;

/**
 * Builds the locations that prefix every config error: dotted keys with {@code [i]} list indexes, such
 * as {@code routes[2].match.path}, so an operator can find the line without a line number.
 */
final class Locations {

    static final String TOP_LEVEL = "(top level)";

    private Locations() {
    }

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /**
     * @param parent   where the steps start
     * @param steps    keys ({@code String}) and list indexes ({@code Integer})
     * @return the location they lead to, or a readable name for the root
     */
    static String of(String parent, List<Object> steps) {
        String location = parent;
        for (Object step : steps) {
            location = step instanceof Integer index ? index(location, index) : key(location, (String) step);
        }
        return orTopLevel(location);
    }

    /**
     * @param location a location such as {@code routes[2].plugins[0]}
     * @param ancestor another, such as {@code routes[2]}
     * @return whether {@code location} is {@code ancestor} or inside it
     */
    static boolean within(String location, String ancestor) {
        return location.equals(ancestor) || location.startsWith(ancestor + ".") || location.startsWith(ancestor + "[");
    }

    /**
     * @param error an error as {@code location: message}
     * @return its location
     */
    static String ofError(String error) {
        int colon = error.indexOf(": ");
        return colon < 0 ? error : error.substring(0, colon);
    }

    /** The location itself, or a readable name for the root, which has no key. */
    static String orTopLevel(String location) {
        return location.isEmpty() ? TOP_LEVEL : location;
    }
}
