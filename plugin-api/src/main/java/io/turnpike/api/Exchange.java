package io.turnpike.api;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What the gateway knows about one request beyond the request itself, shared by every filter on its way.
 *
 * <p>Attributes let one filter tell later ones what it found (an authentication plugin, the consumer).
 * Keys are typed {@link AttributeKey} constants owned by the plugin that defines them, never strings.
 */
public interface Exchange {

    /**
     * The gRPC status code ({@code "0"} is OK) of a call that a plugin carried to a gRPC service for a client
     * that does not speak gRPC (a gRPC-Web browser, a JSON client), as the service gave it. The plugin sets it
     * once it knows it, at the latest while the answer's body is read, and the gateway's access log, metrics and
     * traces show it as they show the status of calls that arrive as gRPC, which the gateway reads itself.
     *
     * @since 1.1.0
     */
    AttributeKey<String> GRPC_STATUS = AttributeKey.of("grpc-status", String.class);

    /**
     * The request's id: the client's {@code X-Request-Id} when it sent a valid one, else one the gateway
     * made. It is on the response and on the upstream request, and in every log line about the request.
     *
     * @return the id
     */
    String requestId();

    /**
     * The id of the route that matched.
     *
     * @return the route id from the configuration
     */
    String routeId();

    /**
     * The client's address: the socket peer, or the address a trusted proxy forwarded for.
     *
     * @return the address
     */
    InetAddress clientAddress();

    /**
     * The scheme the client used to reach the gateway: {@code https} on a TLS listener, else {@code http}. It is
     * what the upstream gets in {@code X-Forwarded-Proto}, and what a plugin needs to rebuild the URL the client
     * asked for (a login redirect back to it, say).
     *
     * <p>The gateway's own exchanges always say; the default, {@code http}, serves test doubles written before
     * 1.1.0.
     *
     * @return {@code http} or {@code https}
     * @since 1.1.0
     */
    default String scheme() {
        return "http";
    }

    /**
     * The authority the client asked for: the HTTP/1.1 {@code Host} field or the HTTP/2 {@code :authority}, with
     * its port when it had one, as the upstream gets it in {@code X-Forwarded-Host}.
     *
     * <p>The gateway's own exchanges always say; the default, empty, serves test doubles written before 1.1.0.
     *
     * @return the authority, such as {@code api.example.com} or {@code 127.0.0.1:8080}; empty when the client
     *         sent none
     * @since 1.1.0
     */
    default String authority() {
        return "";
    }

    /**
     * The version of HTTP the client spoke: {@code 1.1} (or {@code 1.0}), or {@code 2.0}, as in a request line
     * ({@code GET /orders HTTP/1.1}). A plugin that checks what a client signed needs it, for one.
     *
     * <p>The gateway's own exchanges always say; the default, {@code 1.1}, serves test doubles written before
     * 1.3.0.
     *
     * @return {@code 1.0}, {@code 1.1} or {@code 2.0}
     * @since 1.3.0
     */
    default String protocolVersion() {
        return "1.1";
    }

    /**
     * The consumer the route's authentication established, if any; read-only for plugins.
     *
     * @return the consumer, or empty on a route without authentication (or before it has run)
     */
    Optional<Consumer> consumer();

    /**
     * Whether {@link #consumer()} is the route's {@code anonymous} consumer: no authentication plugin
     * recognised the caller, and the consumer stands for every caller in that case. State kept per caller (a
     * quota, say) should then be keyed by something of the caller's own, such as {@link #clientAddress()},
     * or every guest shares it.
     *
     * @return true for a guest; false for an authenticated consumer, and on a route without authentication
     */
    default boolean guest() {
        return false;
    }

    /**
     * An attribute set earlier in this exchange.
     *
     * @param key the key
     * @param <T> the value type
     * @return the value, or empty when none was set
     */
    <T> Optional<T> attribute(AttributeKey<T> key);

    /**
     * Sets an attribute for the filters after this one.
     *
     * @param key   the key
     * @param value the value, not null
     * @param <T>   the value type
     */
    <T> void setAttribute(AttributeKey<T> key, T value);
}
