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
    LEAST_REQUESTS("least-requests");

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
