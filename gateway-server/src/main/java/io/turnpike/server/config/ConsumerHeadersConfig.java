package io.turnpike.server.config;

/**
 * The names of the headers that tell the upstream who the consumer is. The gateway removes the client's
 * own copies of both on every route, so they cannot be spoofed, and sets them after authentication.
 *
 * @param name   the consumer's name, default {@code X-Consumer-Name}
 * @param groups the consumer's groups, comma-separated, default {@code X-Consumer-Groups}
 */
public record ConsumerHeadersConfig(String name, String groups) {

    public static final ConsumerHeadersConfig DEFAULT = new ConsumerHeadersConfig(null, null);

    public ConsumerHeadersConfig {
        name = name == null ? "X-Consumer-Name" : name;
        groups = groups == null ? "X-Consumer-Groups" : groups;
    }
}
