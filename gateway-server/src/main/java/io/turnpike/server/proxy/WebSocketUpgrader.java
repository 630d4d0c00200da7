package io.turnpike.server.proxy;

import java.time.Duration;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.turnpike.api.Body;

/**
 * Takes requests to switch to WebSocket ({@code Upgrade: websocket}) on the proxy listener, which Helidon hands
 * over before its routing, and serves them as any request is served: the route's plugins decide (a key-auth
 * route refuses an upgrade without a key as it refuses any request), then the upstream is asked to switch
 * too. When it does, the client gets the upstream's {@code 101} and the two connections become one
 * {@link WebSocketTunnel}; otherwise the client gets the answer there was, and its connection closes.
 */
final class WebSocketUpgrader implements Http1Upgrader {

    private final ProxyHandler handler;
    private final String token;

    /**
     * @param handler the proxy handler that serves the upgrade requests
     * @param token   the {@code Upgrade} value, as spelt, that Helidon hands to this upgrader
     */
    WebSocketUpgrader(ProxyHandler handler, String token) {
        this.handler = handler;
        this.token = token;
    }

    @Override
    public String supportedProtocol() {
        return token;
    }

    /**
     * @return the tunnel, or a connection that ends at once after a refusal was written; null (Helidon routes
     *         the request as an ordinary one) for a request that is no WebSocket handshake at all
     */
    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        // RFC 6455 section 4.1: a GET that asks for the upgrade in Connection too
        if (prologue.method() != Method.GET || !headers.containsToken(HeaderValues.create(HeaderNames.CONNECTION, "upgrade"))) {
            return null;
        }
        String authority = headers.first(HeaderNames.HOST).orElse("");
        ClientRequest request = new ClientRequest(prologue.method().text(), prologue.protocolVersion(),
                prologue.uriPath().rawPath(),
                prologue.query().rawValue(), ProxiedPeer.clientFields(ctx.proxyProtocolData(), headers),
                ProxiedPeer.of(ctx.proxyProtocolData(), ctx.remotePeer().address()), ctx.isSecure(), authority,
                Body::empty, true, false);
        UpgradeAnswer answer = new UpgradeAnswer(ctx.dataWriter());
        handler.serveUpgrade(request, answer);
        return answer.tunnel()
                .<ServerConnection>map(upstream -> new WebSocketTunnel(ctx, upstream, answer.requestId()))
                .orElse(Ended.INSTANCE);
    }

    /** The connection after a refused upgrade: nothing more is read from it, and Helidon closes it. */
    private enum Ended implements ServerConnection {
        INSTANCE;

        @Override
        public void handle(Limit limit) {
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
        }
    }
}
