package io.turnpike.server.proxy;

import java.net.SocketAddress;
import java.util.function.Supplier;

import io.helidon.http.Headers;
import io.turnpike.api.Body;

/**
 * A client's request as the proxy takes it in: from Helidon's routing, or from the head of a request to switch
 * protocols, which Helidon hands over before routing.
 *
 * @param method    the method
 * @param version   the HTTP version the client spoke, as in its request line: {@code 1.0}, {@code 1.1} or
 *                  {@code 2.0}
 * @param rawPath   the path as sent, not yet decoded or normalised
 * @param rawQuery  the query as sent, empty when there is none
 * @param headers   the fields, as Helidon parsed them
 * @param peer      the socket's remote address
 * @param secure    whether the connection is TLS
 * @param authority the host and port the client asked for, empty when it named none
 * @param body      the body, taken only once the request is routed (Helidon treats a body asked for as one to
 *                  read)
 * @param upgrade   whether the client asks to switch the connection to WebSocket
 * @param duplex    whether the body may be read while the answer is written: true over HTTP/2, whose streams
 *                  are read and written independently
 */
record ClientRequest(String method, String version, String rawPath, String rawQuery, Headers headers, SocketAddress peer, boolean secure,
                     String authority, Supplier<Body> body, boolean upgrade,
                     boolean duplex) {
}
