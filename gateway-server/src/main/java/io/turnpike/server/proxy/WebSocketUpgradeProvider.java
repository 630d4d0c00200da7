package io.turnpike.server.proxy;

import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;

/**
 * Helidon's entry to the proxy's WebSocket support, registered in {@code META-INF/services}: it makes a
 * {@link WebSocketUpgrader} for a listener given {@link WebSocketTunnels}, and for no other.
 */
public final class WebSocketUpgradeProvider implements Http1UpgradeProvider<WebSocketTunnels> {

    /** For Helidon's service loader. */
    public WebSocketUpgradeProvider() {
    }

    @Override
    public String protocolType() {
        return WebSocketTunnels.TYPE;
    }

    @Override
    public Class<WebSocketTunnels> protocolConfigType() {
        return WebSocketTunnels.class;
    }

    @Override
    public Http1Upgrader create(WebSocketTunnels config, ProtocolConfigs configs) {
        return new WebSocketUpgrader(config.handler(), config.token());
    }
}
