package io.turnpike.plugins.responsecache;

/**
 * What identifies a cached resource before the response's {@code Vary} is known: one route's answer is
 * never another route's, and one consumer's never another's.
 *
 * @param routeId  the route
 * @param method   the request method
 * @param host     the {@code Host} asked for, lower case
 * @param path     the normalised path
 * @param query    the query with its parameters sorted by name, repeated names in their order
 * @param consumer {@code consumer:<name>} when the route set a consumer, followed by a digest of the request's
 *                 {@code Authorization} when it still carries one; {@code anonymous} on a route without consumers
 */
record PrimaryKey(String routeId, String method, String host, String path, String query, String consumer) {

    /** The consumer part of a request without an authenticated consumer. */
    static final String ANONYMOUS = "anonymous";

    /** @return the same key for another method */
    PrimaryKey withMethod(String otherMethod) {
        return new PrimaryKey(routeId, otherMethod, host, path, query, consumer);
    }

    /** @return the resource, whatever the method, caller or variant: what an unsafe request invalidates */
    Resource resource() {
        return new Resource(routeId, host, path, query);
    }

    /**
     * A URL as one route serves it: RFC 9111 section 4.4's "target URI", which a successful unsafe request
     * invalidates for every method, caller and variant stored under it.
     *
     * @param routeId the route
     * @param host    the {@code Host}, lower case
     * @param path    the normalised path
     * @param query   the sorted query
     */
    record Resource(String routeId, String host, String path, String query) {
    }

    /** @return an estimate of the key's heap footprint, for the memory bound */
    int weight() {
        return 64 + 2 * (routeId.length() + method.length() + host.length() + path.length() + query.length()
                + consumer.length());
    }
}
