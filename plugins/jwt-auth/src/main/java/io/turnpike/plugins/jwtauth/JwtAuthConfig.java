package io.turnpike.plugins.jwtauth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's {@code jwt-auth} config. Exactly one key source: {@code secret}, {@code public-key},
 * {@code public-key-file} or {@code jwks-url}.
 *
 * @param algorithms           the signature algorithms accepted on this route; required
 * @param secret               the HMAC secret for HS256/384/512, at least 32 bytes of UTF-8
 * @param publicKey            a PEM public key or certificate (RSA, EC or Ed25519), inline
 * @param publicKeyFile        the same, from a file; a relative path is resolved against the config file's folder
 * @param jwksUrl              an http(s) URL serving a JSON Web Key Set
 * @param jwksCacheTtl         how long a fetched key set is used before it is fetched again, default 5m
 * @param jwksRefetchInterval  the least time between fetches caused by a token whose key is unknown, default 30s
 * @param jwksTimeout          connect and read timeout of a JWKS fetch, default 5s
 * @param issuer               the required {@code iss}, absent: any
 * @param audience             a value {@code aud} must contain, absent: any
 * @param clockSkew            tolerance for {@code exp} and {@code nbf}, default 60s
 * @param requireExpiration    refuse tokens without {@code exp}, default true
 * @param consumerClaim        the claim that names the consumer's credential subject, default {@code sub}
 * @param scopes               scopes the token must all carry, in {@code scope} or {@code scp}; missing: 403
 * @param forwardClaims        claim name to upstream header name
 * @param hideCredentials      remove {@code Authorization} before the request goes upstream, default false
 * @param maxTokenSize         the longest token looked at, in characters, default 8192
 */
public record JwtAuthConfig(List<String> algorithms,
                            String secret,
                            String publicKey,
                            Path publicKeyFile,
                            String jwksUrl,
                            Duration jwksCacheTtl,
                            Duration jwksRefetchInterval,
                            Duration jwksTimeout,
                            String issuer,
                            String audience,
                            Duration clockSkew,
                            Boolean requireExpiration,
                            String consumerClaim,
                            List<String> scopes,
                            Map<String, String> forwardClaims,
                            Boolean hideCredentials,
                            Integer maxTokenSize) {

    /** Fills in the defaults. */
    public JwtAuthConfig {
        algorithms = algorithms == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(algorithms));
        jwksCacheTtl = jwksCacheTtl == null ? Duration.ofMinutes(5) : jwksCacheTtl;
        jwksRefetchInterval = jwksRefetchInterval == null ? Duration.ofSeconds(30) : jwksRefetchInterval;
        jwksTimeout = jwksTimeout == null ? Duration.ofSeconds(5) : jwksTimeout;
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        requireExpiration = requireExpiration == null || requireExpiration;
        consumerClaim = consumerClaim == null ? "sub" : consumerClaim;
        scopes = scopes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(scopes));
        forwardClaims = forwardClaims == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(forwardClaims));
        hideCredentials = hideCredentials != null && hideCredentials;
        maxTokenSize = maxTokenSize == null ? 8192 : maxTokenSize;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "JwtAuthConfig[algorithms=" + algorithms + ", issuer=" + issuer + ", audience=" + audience
                + ", jwksUrl=" + jwksUrl + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
