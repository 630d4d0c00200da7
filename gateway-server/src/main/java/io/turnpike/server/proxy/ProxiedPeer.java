package io.turnpike.server.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ProxyProtocolData;
import io.turnpike.api.IpRange;

/**
 * The peer of a connection, as the PROXY protocol header a load balancer sent (HAProxy's PROXY protocol, v1 or v2,
 * read by Helidon) names it when the listener takes one: the client the balancer relayed, not the balancer. A
 * header of a connection the balancer opened itself (a health check: v2's LOCAL, v1's UNKNOWN) names no client,
 * and the socket's peer stands.
 */
final class ProxiedPeer {

    private ProxiedPeer() {
    }

    /**
     * @param header the connection's PROXY protocol header, when the listener takes one
     * @param socket the socket's peer
     * @return the client's address and port
     */
    static SocketAddress of(Optional<ProxyProtocolData> header, SocketAddress socket) {
        return client(header).orElse(socket);
    }

    /**
     * Helidon's HTTP/1.1 server adds the header's source to the request as one more {@code X-Forwarded-For} (and
     * {@code X-Forwarded-Port}) value, as if the client had sent it. The gateway writes its own
     * {@code X-Forwarded-For} from the client's address, so that value would come twice: it is taken off again.
     *
     * @param header  the connection's PROXY protocol header, when the listener takes one
     * @param headers the request's fields as Helidon's HTTP/1.1 server gave them
     * @return the fields the client sent
     */
    static Headers clientFields(Optional<ProxyProtocolData> header, Headers headers) {
        if (header.isEmpty() || header.get().sourceAddress().isEmpty()) {
            return headers;
        }
        WritableHeaders<?> fields = WritableHeaders.create(headers);
        dropLast(fields, HeaderNames.X_FORWARDED_FOR, header.get().sourceAddress());
        dropLast(fields, HeaderNames.X_FORWARDED_PORT, Integer.toString(header.get().sourcePort()));
        return fields;
    }

    /** Removes the last value of a field when it is the one given: the value Helidon added. */
    private static void dropLast(WritableHeaders<?> fields, HeaderName name, String added) {
        if (!fields.contains(name)) {
            return;
        }
        List<String> values = fields.get(name).allValues();
        if (!values.getLast().equals(added)) {
            return;
        }
        List<String> sent = List.copyOf(values.subList(0, values.size() - 1));
        fields.remove(name);
        if (!sent.isEmpty()) {
            fields.set(name, sent);
        }
    }

    private static Optional<SocketAddress> client(Optional<ProxyProtocolData> header) {
        return header
                .filter(data -> data.family() == ProxyProtocolData.Family.IPv4
                        || data.family() == ProxyProtocolData.Family.IPv6)
                .flatMap(data -> IpRange.literal(data.sourceAddress())
                        .<SocketAddress>map(address -> new InetSocketAddress(address, data.sourcePort())));
    }
}
