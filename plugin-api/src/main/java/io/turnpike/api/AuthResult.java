package io.turnpike.api;

import java.util.Objects;

/**
 * What an {@link Authenticator} found in one request. The gateway folds the results of every
 * authentication plugin on a route: the first {@link Authenticated} wins; otherwise a {@link Forbidden}
 * answers 403; otherwise the route's anonymous consumer, if it has one, is used; otherwise the answer is
 * 401 with every plugin's challenge.
 */
public sealed interface AuthResult {

    /**
     * The request proved to be from a consumer.
     *
     * @param consumer the consumer's name; it must be the consumer of one of the credentials the plugin
     *                 was given, or the gateway answers 500 and logs the plugin as broken
     * @param request  the request to send on, typically without the credential
     * @return the result
     */
    static AuthResult authenticated(String consumer, Request request) {
        return new Authenticated(consumer, request);
    }

    /**
     * The request carries no credential of this kind: another plugin, or the anonymous consumer, may
     * still accept it.
     *
     * @return the result
     */
    static AuthResult noCredential() {
        return NoCredential.INSTANCE;
    }

    /**
     * The request carries a credential of this kind that does not prove anything: wrong, expired,
     * malformed. The client is told only "invalid credentials", never which check failed.
     *
     * @return the result
     */
    static AuthResult invalid() {
        return Invalid.INSTANCE;
    }

    /**
     * The credential is valid but grants too little for this route, such as a token without a required
     * scope: 403 unless another plugin authenticates the request.
     *
     * @param detail a sentence for the client; never a secret or part of the credential
     * @return the result
     */
    static AuthResult forbidden(String detail) {
        return new Forbidden(detail);
    }

    /**
     * The request is from a consumer.
     *
     * @param consumer the consumer's name
     * @param request  the request to pass on
     */
    record Authenticated(String consumer, Request request) implements AuthResult {

        /** Checks that no part is missing. */
        public Authenticated {
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(request, "request");
        }
    }

    /** No credential of this kind was presented. */
    enum NoCredential implements AuthResult {
        /** The one value. */
        INSTANCE
    }

    /** A credential was presented and failed. */
    enum Invalid implements AuthResult {
        /** The one value. */
        INSTANCE
    }

    /**
     * A valid credential without the rights the route needs.
     *
     * @param detail the sentence for the client
     */
    record Forbidden(String detail) implements AuthResult {

        /** Checks that no part is missing. */
        public Forbidden {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
