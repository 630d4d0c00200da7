package io.turnpike.server.config;

/**
 * The admin listener: health, the runtime view of routes and upstreams, reloads and plugins' endpoints.
 *
 * @param host  the address to bind, default loopback only
 * @param port  the port, default 9090; 0 picks a free one
 * @param token the bearer token every admin request but {@code GET /health} must carry; absent, none is asked
 *              for. A secret: give it as {@code ${VARIABLE}}, and it never appears in logs or errors
 * @param tls   TLS on the admin listener, or null for plain HTTP
 */
public record AdminConfig(String host, Integer port, String token, ListenerTlsConfig tls) {

    public static final AdminConfig DEFAULT = new AdminConfig(null, null, null, null);

    /** Long enough that guessing it over the network is hopeless, short enough for any secret store. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public AdminConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 9090 : port;
    }

    /** A plain-HTTP admin listener that asks for no token. */
    public AdminConfig(String host, Integer port) {
        this(host, port, null, null);
    }

    /** A plain-HTTP admin listener. */
    public AdminConfig(String host, Integer port, String token) {
        this(host, port, token, null);
    }

    /** Never prints the token, so that the config can be logged or compared in a message. */
    @Override
    public String toString() {
        return "AdminConfig[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "(set)")
                + ", tls=" + tls + "]";
    }
}
