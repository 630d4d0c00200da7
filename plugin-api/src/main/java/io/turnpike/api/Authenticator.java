package io.turnpike.api;

import java.util.Optional;

/**
 * One authentication plugin's check on one route, made by {@link AuthenticationPlugin#authenticator}.
 * It looks for its kind of credential in a request and says what it found; the gateway decides what
 * follows, so that several methods on one route accept any one of them.
 *
 * <p>Shared by every request on its route, so it must be thread-safe. It must not read the body: the
 * body streams to the upstream. It must not log the credential or say in a result which check failed.
 */
public interface Authenticator extends AutoCloseable {

    /**
     * Checks one request.
     *
     * @param request  the request as it reaches authentication
     * @param exchange what else is known about the request
     * @return what was found; never null
     */
    AuthResult authenticate(Request request, Exchange exchange);

    /**
     * The {@code WWW-Authenticate} challenge a 401 carries for this method, such as
     * {@code Basic realm="api", charset="UTF-8"}.
     *
     * @return the challenge, or empty when the method has none
     */
    default Optional<String> challenge() {
        return Optional.empty();
    }

    /** Releases what the authenticator holds (an HTTP client, a cache). The default does nothing. */
    @Override
    default void close() {
    }
}
