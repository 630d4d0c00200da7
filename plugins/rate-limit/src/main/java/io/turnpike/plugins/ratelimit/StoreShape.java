package io.turnpike.plugins.ratelimit;

import java.util.List;
import java.util.Locale;

/**
 * What the counts of a route depend on, and so the key its counter store is shared and kept under across
 * configuration reloads: with all of these unchanged, a count taken under the old config means the same
 * under the new one, and every client keeps its quota. Legacy headers only change how counts are shown, so
 * they are not here.
 *
 * @param routeId the route
 * @param limits  the limits, in the order the store keeps them
 * @param by      whose requests count together
 * @param header  the header of {@code by: header}, lower case (header names are case-insensitive); else null
 * @param maxKeys the store's bound
 */
record StoreShape(String routeId, List<Limit> limits, KeyBy by, String header, int maxKeys) {

    static StoreShape of(String routeId, List<Limit> limits, KeyBy by, String header, int maxKeys) {
        return new StoreShape(routeId, List.copyOf(limits), by, header == null ? null : header.toLowerCase(Locale.ROOT),
                maxKeys);
    }
}
