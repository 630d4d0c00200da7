package io.turnpike.server.proxy;

import io.helidon.webserver.spi.ProtocolConfig;

/**
 * The proxy listener's WebSocket support, as Helidon takes protocol support: a protocol config, given to the
 * listener, that {@link WebSocketUpgradeProvider} (found by Helidon's service loader) turns into the
 * {@link WebSocketUpgrader}.
 *
 * @param handler the proxy handler that serves the upgrade requests
 */
public record WebSocketTunnels(ProxyHandler handler) implements ProtocolConfig {

    static final String TYPE = "turnpike-websocket";

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
