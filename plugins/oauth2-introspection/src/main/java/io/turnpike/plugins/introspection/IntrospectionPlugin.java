package io.turnpike.plugins.introspection;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.turnpike.api.AuthenticationPlugin;
import io.turnpike.api.Authenticator;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Credential;
import io.turnpike.api.PluginContext;
import io.turnpike.plugins.support.BearerTokens;
import io.turnpike.plugins.support.ClaimHeaders;
import io.turnpike.plugins.support.ServiceUrls;
import org.pf4j.Extension;

/**
 * {@code oauth2-introspection}: a consumer recognised by an OAuth 2.0 access token that the authorization server
 * vouches for at its introspection endpoint (RFC 7662), as Kong's plugin of that name does. See
 * {@code docs/plugins/oauth2-introspection.md}.
 */
@Extension
public final class IntrospectionPlugin implements AuthenticationPlugin<IntrospectionConfig, IntrospectionCredential> {

    /** The name routes and credentials use. */
    public static final String NAME = "oauth2-introspection";

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    static final Duration MAX_CACHE_TTL = Duration.ofHours(1);
    static final int MAX_CACHE_SIZE = 1_000_000;
    static final int MAX_CONCURRENT = 10_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<IntrospectionConfig> configType() {
        return IntrospectionConfig.class;
    }

    @Override
    public Class<IntrospectionCredential> credentialType() {
        return IntrospectionCredential.class;
    }

    @Override
    public List<ConfigError> validateCredential(IntrospectionCredential credential) {
        return credential.subject() == null || credential.subject().isBlank()
                ? List.of(new ConfigError("subject", "must not be blank"))
                : List.of();
    }

    @Override
    public Object credentialIdentity(IntrospectionCredential credential) {
        return credential.subject();
    }

    @Override
    public List<ConfigError> validate(IntrospectionConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        String url = config.introspectionUrl();
        if (url == null || url.isEmpty()) {
            errors.add(new ConfigError("introspection-url", "missing; the authorization server's introspection"
                    + " endpoint, such as https://id.example.com/oauth2/introspect"));
        } else {
            ServiceUrls.problem(url).ifPresent(problem -> errors.add(new ConfigError("introspection-url", problem)));
        }
        if ((config.clientId() == null) != (config.clientSecret() == null)) {
            errors.add(new ConfigError(config.clientId() == null ? "client-id" : "client-secret",
                    "missing; client-id and client-secret are given together"));
        } else if (config.clientId() != null && (config.clientId().isBlank() || config.clientSecret().isEmpty())) {
            errors.add(new ConfigError(config.clientId().isBlank() ? "client-id" : "client-secret", "must not be blank"));
        }
        if (config.tokenTypeHint().isBlank()) {
            errors.add(new ConfigError("token-type-hint", "must not be blank"));
        }
        if (!within(config.timeout(), Duration.ofMillis(1), MAX_TIMEOUT)) {
            errors.add(new ConfigError("timeout", "must be more than 0 and at most 1m, got "
                    + config.timeout().toMillis() + "ms"));
        }
        if (!within(config.cacheTtl(), Duration.ZERO, MAX_CACHE_TTL)) {
            errors.add(new ConfigError("cache-ttl", "must be 0s to 1h, got " + config.cacheTtl().toMillis() + "ms"));
        }
        if (config.cacheSize() < 1 || config.cacheSize() > MAX_CACHE_SIZE) {
            errors.add(new ConfigError("cache-size", "must be 1 to " + MAX_CACHE_SIZE + ", got " + config.cacheSize()));
        }
        errors.addAll(BearerTokens.scopeProblems(config.scopes()));
        if (config.consumerClaim().isBlank()) {
            errors.add(new ConfigError("consumer-claim", "must not be blank"));
        }
        errors.addAll(ClaimHeaders.problems(config.forwardClaims()));
        if (config.maxConcurrent() < 1 || config.maxConcurrent() > MAX_CONCURRENT) {
            errors.add(new ConfigError("max-concurrent", "must be 1 to " + MAX_CONCURRENT + ", got "
                    + config.maxConcurrent()));
        }
        if (config.tls() != null) {
            errors.addAll(config.tls().problems(url));
        }
        return errors;
    }

    private static boolean within(Duration value, Duration least, Duration most) {
        return value.compareTo(least) >= 0 && value.compareTo(most) <= 0;
    }

    @Override
    public Authenticator authenticator(IntrospectionConfig config, List<Credential<IntrospectionCredential>> credentials,
                                       PluginContext context) {
        ClientSecretBasic client = config.clientId() == null ? null
                : new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret()));
        IntrospectionEndpoint endpoint = new IntrospectionEndpoint(URI.create(config.introspectionUrl()), client,
                config.tokenTypeHint(), config.timeout(), config.maxConcurrent(),
                config.tls() == null ? null : config.tls().sslContext(), context.logger());
        TokenCache tokens = new TokenCache(endpoint, config.cacheTtl(), config.cacheSize(), config.timeout(),
                Clock.systemUTC(), context.counter("endpoint_calls",
                        "Calls to the introspection endpoint: the requests with a token the cache did not answer"));
        return new IntrospectionAuthenticator(config, tokens, credentials, Clock.systemUTC(), context.logger(),
                context.counter("endpoint_failures",
                        "Requests answered 503 or 504 because the introspection endpoint failed"));
    }
}
