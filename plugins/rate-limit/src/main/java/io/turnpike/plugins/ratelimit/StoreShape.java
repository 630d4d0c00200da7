package io.turnpike.plugins.ratelimit;

import java.util.List;
import java.util.Locale;

/**
 * What the counts of a route depend on, and so the key its counter store is shared and kept under across
 * configuration reloads: with all of these unchanged, a count taken under the old config means the same
 * under the new one, and every client keeps its quota. Legacy headers only change how counts are shown, so
 * they are not here.
 *
 * @param instance the configured instance ({@code PluginContext.instance()}): the route, or the global plugin
 *                 whose counts every route shares
 * @param limits  the limits, in the order the store keeps them
 * @param by      whose requests count together
 * @param header  the header of {@code by: header}, lower case (header names are case-insensitive); else null
 * @param maxKeys the store's bound
 */
record StoreShape(String instance, List<Limit> limits, KeyBy by, String header, int maxKeys) {

    static StoreShape of(String instance, List<Limit> limits, KeyBy by, String header, int maxKeys) {
        return new StoreShape(instance, List.copyOf(limits), by, header == null ? null : header.toLowerCase(Locale.ROOT),
                maxKeys);
    }
}
