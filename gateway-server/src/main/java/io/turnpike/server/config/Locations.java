package io.turnpike.server.config;

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

    /** The location itself, or a readable name for the root, which has no key. */
    static String orTopLevel(String location) {
        return location.isEmpty() ? TOP_LEVEL : location;
    }
}
