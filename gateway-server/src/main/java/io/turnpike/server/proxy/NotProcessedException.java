package io.turnpike.server.proxy;

import java.io.IOException;

/**
 * The upstream processed none of a request, by its own word or because the request never reached it whole:
 * it refused the request's HTTP/2 stream ({@code REFUSED_STREAM}, which RFC 9113 section 8.7 defines as "not
 * processed"), or the request's fields could not be sent. Sending it again is safe whatever its method.
 */
final class NotProcessedException extends IOException {

    NotProcessedException(String message, Throwable cause) {
        super(message, cause);
    }
}
