package io.turnpike.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an upstream picks the target for a request.
 */
public enum Balancing {

    /** Smooth weighted round-robin: each target's share of requests follows its weight. */
    @JsonProperty("round-robin")
    ROUND_ROBIN("round-robin"),

    /** The target with the fewest requests in flight relative to its weight; ties are broken at random. */
    @JsonProperty("least-requests")
    LEAST_REQUESTS("least-requests"),

    /**
     * A hash of each request ({@code hash-on}) picks a point on a ring of the targets, so that a client, user or
     * resource keeps its target, and a target that comes or goes moves only its own share of the keys.
     */
    @JsonProperty("consistent-hash")
    CONSISTENT_HASH("consistent-hash");

    private final String yamlName;

    Balancing(String yamlName) {
        this.yamlName = yamlName;
    }

    /** @return the name as written in the config file, which error messages quote */
    @Override
    public String toString() {
        return yamlName;
    }
}
