package io.turnpike.plugins.introspection;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.turnpike.plugins.support.ServiceTls;

/**
 * A route's {@code oauth2-introspection} config.
 *
 * @param introspectionUrl the authorization server's introspection endpoint, {@code http://} or {@code https://}
 * @param clientId         the gateway's client id at the authorization server, sent with {@code clientSecret} as
 *                         HTTP Basic credentials (RFC 6749, 2.3.1)
 * @param clientSecret     its secret
 * @param tokenTypeHint    the {@code token_type_hint} sent, default {@code access_token}
 * @param timeout          how long the endpoint may take to answer, default 3s
 * @param cacheTtl         how long an answer is used for the same token, default 30s; never past the token's
 *                         {@code exp}; 0s asks the endpoint for every request
 * @param cacheSize        the most tokens whose answers are kept, default 10000
 * @param issuer           the {@code iss} the answer must carry, or null for any
 * @param audience         a value the answer's {@code aud} must contain, or null for any
 * @param scopes           the scopes the token must all carry, default none
 * @param consumerClaim    the member of the answer that names the consumer, default {@code sub}
 * @param forwardClaims    members of the answer sent upstream, by header name
 * @param hideCredentials  whether {@code Authorization} is removed before the request goes upstream, default false
 * @param maxConcurrent    calls to the endpoint in flight at once, default 100
 * @param tls              what an {@code https://} endpoint is trusted by; absent: the JVM's trust store
 */
public record IntrospectionConfig(String introspectionUrl, String clientId, String clientSecret, String tokenTypeHint,
                                  Duration timeout, Duration cacheTtl, Integer cacheSize, String issuer,
                                  String audience, List<String> scopes, String consumerClaim,
                                  Map<String, String> forwardClaims, Boolean hideCredentials, Integer maxConcurrent,
                                  ServiceTls tls) {

    /** Applies the defaults; lists are kept as they are, nulls included, for {@link IntrospectionPlugin#validate}. */
    public IntrospectionConfig {
        tokenTypeHint = tokenTypeHint == null ? "access_token" : tokenTypeHint;
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(30) : cacheTtl;
        cacheSize = cacheSize == null ? 10_000 : cacheSize;
        scopes = scopes == null ? List.of() : scopes.stream().toList();
        consumerClaim = consumerClaim == null ? "sub" : consumerClaim;
        forwardClaims = forwardClaims == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(forwardClaims));
        hideCredentials = hideCredentials != null && hideCredentials;
        maxConcurrent = maxConcurrent == null ? 100 : maxConcurrent;
    }
}
