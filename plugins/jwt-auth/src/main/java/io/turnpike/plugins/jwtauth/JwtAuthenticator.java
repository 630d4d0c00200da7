package io.turnpike.plugins.jwtauth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.turnpike.api.AuthResult;
import io.turnpike.api.Authenticator;
import io.turnpike.api.Credential;
import io.turnpike.api.Exchange;
import io.turnpike.api.Request;
import io.turnpike.plugins.support.BearerTokens;
import io.turnpike.plugins.support.ClaimHeaders;

/**
 * Checks {@code Authorization: Bearer <jwt>}: size, then nimbus's parse (a JWS only: unsigned and encrypted
 * tokens are refused), the algorithm against the route's list, the signature with the keys that fit the
 * header (an HMAC token is never checked against an RSA key: nimbus's {@link JWKMatcher} selects keys by the
 * algorithm's family), then the claims with nimbus's {@link DefaultJWTClaimsVerifier}, then the consumer and
 * the scopes.
 *
 * <p>Why a token failed goes to the debug log with the request id, never to the client and never with the
 * token.
 */
final class JwtAuthenticator implements Authenticator {

    private final Set<JWSAlgorithm> algorithms;
    private final KeySource keys;
    private final DefaultJWTClaimsVerifier<?> claimsVerifier;
    private final String consumerClaim;
    private final Set<String> scopes;
    /** RFC 6750, 3.1: the 403's challenge, naming the scopes the route requires. */
    private final String insufficientScope;
    private final Map<String, String> forwardClaims;
    private final boolean hide;
    private final int maxTokenSize;
    private final Map<String, String> consumerBySubject = new HashMap<>();
    private final System.Logger logger;

    JwtAuthenticator(JwtAuthConfig config, KeySource keys, List<Credential<JwtCredential>> credentials, System.Logger logger) {
        this.algorithms = Algorithms.parse(config.algorithms());
        this.keys = keys;
        this.consumerClaim = config.consumerClaim();
        this.scopes = Set.copyOf(config.scopes());
        this.insufficientScope = BearerTokens.insufficientScope(config.scopes());
        this.forwardClaims = config.forwardClaims();
        this.hide = config.hideCredentials();
        this.maxTokenSize = config.maxTokenSize();
        this.logger = logger;
        Set<String> required = new HashSet<>(Set.of(consumerClaim));
        if (config.requireExpiration()) {
            required.add("exp");
        }
        JWTClaimsSet exact = config.issuer() == null ? null : new JWTClaimsSet.Builder().issuer(config.issuer()).build();
        this.claimsVerifier = new DefaultJWTClaimsVerifier<>(config.audience() == null ? null : Set.of(config.audience()),
                exact, required, null);
        this.claimsVerifier.setMaxClockSkew(Math.toIntExact(config.clockSkew().toSeconds()));
        credentials.forEach(c -> consumerBySubject.put(c.value().subject(), c.consumer()));
    }

    @Override
    public AuthResult authenticate(Request request, Exchange exchange) {
        List<String> bearer = BearerTokens.in(request.headers());
        if (bearer.isEmpty()) {
            return AuthResult.noCredential();
        }
        String requestId = exchange == null ? "-" : exchange.requestId();
        if (bearer.size() > 1) {
            return refused(requestId, "more than one bearer token");
        }
        String token = bearer.getFirst();
        if (token.length() > maxTokenSize) {
            return refused(requestId, "the token is longer than max-token-size (" + token.length() + " characters)");
        }
        JWTClaimsSet claims;
        try {
            claims = verified(token);
        } catch (ParseException | JOSEException | BadJWTException e) {
            return refused(requestId, e.getMessage());
        } catch (RuntimeException e) {
            // hostile input must never become a 500: whatever the parser trips on is an invalid token
            return refused(requestId, e.getClass().getSimpleName());
        } catch (IOException e) {
            logger.log(Level.WARNING, () -> "request " + requestId + ": no key to check the token with: " + e.getMessage());
            return AuthResult.invalid();
        }
        Object subject = claims.getClaim(consumerClaim);
        String consumer = subject instanceof String text ? consumerBySubject.get(text) : null;
        if (consumer == null) {
            return refused(requestId, "claim " + consumerClaim + " names no consumer");
        }
        if (!scopesOf(claims).containsAll(scopes)) {
            return AuthResult.forbidden(BearerTokens.MISSING_SCOPE, insufficientScope);
        }
        return AuthResult.authenticated(consumer, ClaimHeaders.forwarded(request, hide, forwardClaims, claims::getClaim));
    }

    private JWTClaimsSet verified(String token) throws ParseException, JOSEException, BadJWTException, IOException {
        JWT jwt = JWTParser.parse(token);
        if (!(jwt instanceof SignedJWT signed)) {
            // PlainJWT is alg "none"; EncryptedJWT is not something this plugin can read
            throw new BadJWTException("not a signed JWT (alg none or encrypted)");
        }
        JWSHeader header = signed.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new BadJWTException("algorithm " + header.getAlgorithm() + " is not allowed on this route");
        }
        List<JWK> candidates = keys.select(JWKMatcher.forJWSHeader(header));
        if (candidates.isEmpty()) {
            throw new BadJWTException("no key fits the token's header (kid " + header.getKeyID() + ")");
        }
        boolean valid = false;
        for (JWK key : candidates) {
            Optional<JWSVerifier> verifier = verifierFor(key);
            if (verifier.isPresent() && signed.verify(verifier.get())) {
                valid = true;
                break;
            }
        }
        if (!valid) {
            throw new BadJWTException("bad signature");
        }
        JWTClaimsSet claims = signed.getJWTClaimsSet();
        claimsVerifier.verify(claims, null);
        return claims;
    }

    private static Optional<JWSVerifier> verifierFor(JWK key) throws JOSEException {
        return Optional.ofNullable(switch (key) {
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case ECKey ec -> new ECDSAVerifier(ec);
            case OctetSequenceKey secret -> new MACVerifier(secret);
            case OctetKeyPair okp -> new Ed25519Verifier(okp);
            default -> null;
        });
    }

    /** OAuth scopes: {@code scope} as a space-separated string (RFC 8693), {@code scp} as a list or a string. */
    private static Set<String> scopesOf(JWTClaimsSet claims) {
        Set<String> found = new HashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String text) {
                found.addAll(List.of(text.trim().split("\\s+")));
            } else if (value instanceof Collection<?> list) {
                list.forEach(item -> found.add(String.valueOf(item)));
            }
        }
        return found;
    }

    private AuthResult refused(String requestId, String why) {
        logger.log(Level.DEBUG, () -> "request " + requestId + ": bearer token refused: " + why);
        return AuthResult.invalid(BearerTokens.INVALID_TOKEN);
    }

    @Override
    public Optional<String> challenge() {
        return Optional.of(BearerTokens.CHALLENGE);
    }

    @Override
    public void close() {
        keys.close();
    }
}
