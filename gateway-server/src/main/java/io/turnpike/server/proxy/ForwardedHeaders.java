package io.turnpike.server.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.function.BiConsumer;

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

    /**
     * @param original the request's headers as they reach the upstream call
     * @param exchange the exchange, for the peer, host and scheme
     * @param set      sets one field, replacing any earlier value
     */
    static void add(Headers original, ProxyExchange exchange, BiConsumer<String, String> set) {
        String client = exchange.peerAddress().getHostAddress();
        String host = exchange.authority();
        String scheme = exchange.scheme();

        String priorFor = joined(original, "X-Forwarded-For");
        set.accept("X-Forwarded-For", priorFor.isEmpty() ? client : priorFor + ", " + client);
        set.accept("X-Forwarded-Proto", scheme);
        if (!host.isEmpty()) {
            set.accept("X-Forwarded-Host", host);
        }

        StringBuilder element = new StringBuilder("for=").append(forwardedNode(exchange.peerAddress()));
        if (!host.isEmpty()) {
            element.append(";host=").append(quotedIfNeeded(host));
        }
        element.append(";proto=").append(scheme);
        String priorForwarded = joined(original, "Forwarded");
        set.accept("Forwarded", priorForwarded.isEmpty() ? element.toString() : priorForwarded + ", " + element);
    }

    /** RFC 7239 §6: an IPv6 node is bracketed, and then must be quoted. */
    private static String forwardedNode(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? "\"[" + text + "]\"" : text;
    }

    /** Most requests carry neither field; this answers them without building a list. */
    private static String joined(Headers headers, String name) {
        return headers.contains(name) ? String.join(", ", headers.all(name)) : "";
    }

    /** RFC 7239 §4: a value that is not a token, such as a host with a port, is a quoted string. */
    private static String quotedIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return value;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c < 0x80 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}
