package io.turnpike.server.config;

/**
 * {@code server.http-redirect}: a plain-HTTP listener beside the HTTPS one that answers every request with a
 * redirect to the same URL over HTTPS, so that a client that types {@code http://} lands on the gateway.
 *
 * @param port   the plain-HTTP port, default 80; 0 picks a free one
 * @param status the redirect's status: 301, 302, 303, 307 or 308; default 308, which keeps the method and body
 */
public record HttpRedirectConfig(Integer port, Integer status) {

    /** Applies the defaults. */
    public HttpRedirectConfig {
        port = port == null ? Integer.valueOf(80) : port;
        status = status == null ? Integer.valueOf(308) : status;
    }
}
