package io.turnpike.server.config;

/**
 * The access log: one JSON line per request on standard output.
 *
 * @param enabled    whether requests are logged, default true
 * @param queueLines how many lines may wait for the writer, default 16384; past it lines are dropped and
 *                   counted rather than slowing requests down
 */
public record AccessLogConfig(Boolean enabled, Integer queueLines) {

    public static final AccessLogConfig DEFAULT = new AccessLogConfig(null, null);

    public AccessLogConfig {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        queueLines = queueLines == null ? 16_384 : queueLines;
    }
}
