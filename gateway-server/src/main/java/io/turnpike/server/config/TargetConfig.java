package io.turnpike.server.config;

/**
 * One server of an upstream.
 *
 * @param url    the base URL, {@code http://host:port}, optionally with a base path
 * @param weight the share of traffic relative to the other targets, default 1
 */
public record TargetConfig(String url, Integer weight) {

    public TargetConfig {
        weight = weight == null ? 1 : weight;
    }
}
