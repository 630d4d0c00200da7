package io.turnpike.plugins.jwtauth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

/** The signature algorithms the plugin accepts, and which kind of key each needs. */
final class Algorithms {

    static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    static final Set<JWSAlgorithm> PUBLIC_KEY = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    static final String SUPPORTED = "HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA";

    private Algorithms() {
    }

    static boolean isSupported(String name) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
        return HMAC.contains(algorithm) || PUBLIC_KEY.contains(algorithm);
    }

    static Set<JWSAlgorithm> parse(List<String> names) {
        Set<JWSAlgorithm> parsed = new LinkedHashSet<>();
        names.forEach(name -> parsed.add(JWSAlgorithm.parse(name)));
        return Set.copyOf(parsed);
    }
}
