package io.turnpike.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Authenticator} found in one request. The gateway folds the results of every
 * authentication plugin on a route: the first {@link Authenticated} wins; otherwise a {@link Forbidden}
 * answers 403; otherwise the route's anonymous consumer, if it has one, is used; otherwise the answer is
 * 401 with every plugin's challenge.
 *
 * <p>A result may carry the challenge its answer should send instead of the plugin's usual one, so that a
 * method whose standard says why a credential failed can say it: a bearer token's 401 carries
 * {@code Bearer error="invalid_token"} and its 403 {@code Bearer error="insufficient_scope"} (RFC 6750, 3).
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
        return Invalid.PLAIN;
    }

    /**
     * An {@linkplain #invalid() invalid credential} whose 401 carries this challenge in place of the
     * plugin's {@linkplain Authenticator#challenge() usual one}. Like the rest of the answer, it must not say
     * which check failed: a standard error code, never a reason.
     *
     * @param challenge the {@code WWW-Authenticate} value, such as {@code Bearer error="invalid_token"}
     * @return the result
     */
    static AuthResult invalid(String challenge) {
        return new Invalid(Optional.of(challenge));
    }

    /**
     * The credential is valid but grants too little for this route, such as a token without a required
     * scope: 403 unless another plugin authenticates the request.
     *
     * @param detail a sentence for the client; never a secret or part of the credential
     * @return the result
     */
    static AuthResult forbidden(String detail) {
        return new Forbidden(detail, Optional.empty());
    }

    /**
     * A {@linkplain #forbidden(String) forbidden} result whose 403 carries a {@code WWW-Authenticate}
     * challenge saying what is missing.
     *
     * @param detail    a sentence for the client; never a secret or part of the credential
     * @param challenge the {@code WWW-Authenticate} value, such as
     *                  {@code Bearer error="insufficient_scope", scope="orders:read"}
     * @return the result
     */
    static AuthResult forbidden(String detail, String challenge) {
        return new Forbidden(detail, Optional.of(challenge));
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

    /**
     * A credential was presented and failed.
     *
     * @param challenge what the 401 carries for this plugin instead of its usual challenge; empty for that one
     */
    record Invalid(Optional<String> challenge) implements AuthResult {

        private static final Invalid PLAIN = new Invalid(Optional.empty());

        /** Checks that no part is missing. */
        public Invalid {
            Objects.requireNonNull(challenge, "challenge");
        }
    }

    /**
     * A valid credential without the rights the route needs.
     *
     * @param detail    the sentence for the client
     * @param challenge the {@code WWW-Authenticate} value the 403 carries, or empty for none
     */
    record Forbidden(String detail, Optional<String> challenge) implements AuthResult {

        /** Checks that no part is missing. */
        public Forbidden {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(challenge, "challenge");
        }
    }
}
