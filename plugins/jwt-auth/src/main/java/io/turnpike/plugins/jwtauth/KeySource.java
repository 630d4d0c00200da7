package io.turnpike.plugins.jwtauth;

import java.io.IOException;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;

/** Where a route's verification keys come from. */
interface KeySource extends AutoCloseable {

    /**
     * The keys that fit a token's header (its algorithm family, curve and {@code kid}).
     *
     * @param matcher what the header asks for
     * @return the candidate keys, empty when none fits
     * @throws IOException when the keys cannot be had (a JWKS URL that does not answer)
     */
    List<JWK> select(JWKMatcher matcher) throws IOException;

    @Override
    default void close() {
    }

    /**
     * Keys fixed by the config: a secret or a PEM key.
     *
     * @param keys the key set
     */
    record Fixed(JWKSet keys) implements KeySource {
        @Override
        public List<JWK> select(JWKMatcher matcher) {
            return new JWKSelector(matcher).select(keys);
        }
    }
}
