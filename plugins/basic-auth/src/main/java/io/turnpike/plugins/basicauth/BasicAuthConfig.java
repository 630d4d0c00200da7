package io.turnpike.plugins.basicauth;

/**
 * A route's {@code basic-auth} config.
 *
 * @param realm           the realm of the {@code WWW-Authenticate: Basic} challenge, default {@code turnpike}
 * @param hideCredentials remove {@code Authorization} before the request goes upstream, default true
 */
public record BasicAuthConfig(String realm, Boolean hideCredentials) {

    /** Fills in the defaults. */
    public BasicAuthConfig {
        realm = realm == null ? "turnpike" : realm;
        hideCredentials = hideCredentials == null || hideCredentials;
    }
}
