package io.turnpike.server.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;

import io.turnpike.api.Headers;

/**
 * What the upstream learns about the client: X-Forwarded-For/-Proto/-Host and RFC 7239 Forwarded.
 * The client's own X-Forwarded-For and Forwarded are kept and appended to, as every proxy in a chain
 * does. The hop appended is the socket peer, not the client found through trusted proxies: each proxy
 * records whom it heard from, so the chain stays a chain for every reader (see {@link TrustedProxies}).
 */
final class ForwardedHeaders {

    private ForwardedHeaders() {
    }

    static void add(Headers.Builder headers, Headers original, ProxyExchange exchange) {
        String client = exchange.peerAddress().getHostAddress();
        String host = exchange.host();
        String scheme = exchange.scheme();

        String priorFor = String.join(", ", original.all("X-Forwarded-For"));
        headers.set("X-Forwarded-For", priorFor.isEmpty() ? client : priorFor + ", " + client);
        headers.set("X-Forwarded-Proto", scheme);
        if (!host.isEmpty()) {
            headers.set("X-Forwarded-Host", host);
        }

        StringBuilder element = new StringBuilder("for=").append(forwardedNode(exchange.peerAddress()));
        if (!host.isEmpty()) {
            element.append(";host=").append(quotedIfNeeded(host));
        }
        element.append(";proto=").append(scheme);
        String priorForwarded = String.join(", ", original.all("Forwarded"));
        headers.set("Forwarded", priorForwarded.isEmpty() ? element.toString() : priorForwarded + ", " + element);
    }

    /** RFC 7239 §6: an IPv6 node is bracketed, and then must be quoted. */
    private static String forwardedNode(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "\"[" + text + "]\"" : text;
    }

    private static String quotedIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean token = Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return value;
    }
}
