package io.turnpike.api;

/**
 * The fixed order in which plugins run on every route, outermost first. A plugin in an earlier phase
 * sees the request before, and the response after, every plugin in a later phase; within one phase the
 * order of the route's {@code plugins:} list holds.
 */
public enum Phase {
    /** Decides on the connection alone, before any credential is looked at (e.g. ip-restriction). */
    ACCESS_CONTROL,
    /** Establishes who the caller is (e.g. key-auth, jwt-auth). */
    AUTHENTICATION,
    /** Decides whether the authenticated caller may go on (e.g. acl). */
    AUTHORIZATION,
    /** Shapes the volume of traffic (e.g. rate-limit, request-size-limit). */
    TRAFFIC,
    /** Rewrites the request on its way in and the response on its way out (e.g. request-transformer). */
    TRANSFORMATION,
    /** Answers from a store instead of the upstream (e.g. response-cache). */
    CACHING,
    /**
     * Speaks another protocol to the service in place of the gateway's HTTP call (e.g. grpc-transcode);
     * runs last, so that every other plugin sees the HTTP request and answer, and a cache can keep answers
     * made this way.
     */
    PROTOCOL
}
