package io.turnpike.server.proxy;

import java.util.List;

import io.helidon.webserver.spi.ProtocolConfig;

/**
 * The proxy listener's WebSocket support, as Helidon takes protocol support: a protocol config, given to the
 * listener, that {@link WebSocketUpgradeProvider} (found by Helidon's service loader) turns into the
 * {@link WebSocketUpgrader}.
 *
 * <p>Helidon finds the upgrader by the {@code Upgrade} field's value as written, while RFC 9110 (section 7.8)
 * makes protocol names case-insensitive: the listener gets one config, so one upgrader, per spelling that
 * clients send ({@link #forEverySpelling}).
 *
 * @param handler the proxy handler that serves the upgrade requests
 * @param token   the spelling of {@code websocket} this config's upgrader answers to
 */
public record WebSocketTunnels(ProxyHandler handler, String token) implements ProtocolConfig {

    static final String TYPE = "turnpike-websocket";
    /** RFC 6455's lower case, which browsers send, and the capitalised forms some client libraries send. */
    private static final List<String> SPELLINGS = List.of("websocket", "WebSocket", "Websocket", "WEBSOCKET");

    /**
     * The configs for a listener.
     *
     * @param handler the proxy handler that serves the upgrade requests
     * @return one config per spelling
     */
    public static List<WebSocketTunnels> forEverySpelling(ProxyHandler handler) {
        return SPELLINGS.stream().map(token -> new WebSocketTunnels(handler, token)).toList();
    }

    @Override
    public String name() {
        return TYPE + ":" + token;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
