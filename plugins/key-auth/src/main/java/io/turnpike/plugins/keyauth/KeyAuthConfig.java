package io.turnpike.plugins.keyauth;

/**
 * A route's {@code key-auth} config.
 *
 * @param header          the header that carries the key, default {@code X-API-Key}
 * @param queryParam      a query parameter that may carry the key when the header is absent; absent by
 *                        default, because query strings end up in access logs and browser histories
 * @param hideCredentials remove the key from the request before it goes upstream, default true
 * @param realm           the realm of the {@code WWW-Authenticate: Key} challenge, default {@code turnpike}
 */
public record KeyAuthConfig(String header, String queryParam, Boolean hideCredentials, String realm) {

    /** Fills in the defaults. */
    public KeyAuthConfig {
        header = header == null ? "X-API-Key" : header;
        hideCredentials = hideCredentials == null || hideCredentials;
        realm = realm == null ? "turnpike" : realm;
    }
}
