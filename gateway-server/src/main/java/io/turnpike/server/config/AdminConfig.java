package io.turnpike.server.config;

/**
 * The admin listener: health and, later, the runtime view of routes and upstreams.
 *
 * @param host the address to bind, default loopback only
 * @param port the port, default 9090; 0 picks a free one
 */
public record AdminConfig(String host, Integer port) {

    public static final AdminConfig DEFAULT = new AdminConfig(null, null);

    public AdminConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 9090 : port;
    }
}
