package io.turnpike.plugins.jwtauth;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;
import io.turnpike.api.AuthenticationPlugin;
import io.turnpike.api.Authenticator;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Credential;
import io.turnpike.api.PluginContext;
import io.turnpike.plugins.support.BearerTokens;
import io.turnpike.plugins.support.ClaimHeaders;
import org.pf4j.Extension;

/**
 * {@code jwt-auth}: recognises a consumer by a signed JWT. See {@code docs/plugins/jwt-auth.md}.
 */
@Extension
public final class JwtAuthPlugin implements AuthenticationPlugin<JwtAuthConfig, JwtCredential> {

    /** The name routes and consumers' credentials use. */
    public static final String NAME = "jwt-auth";

    static final int MIN_SECRET_BYTES = 32;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<JwtAuthConfig> configType() {
        return JwtAuthConfig.class;
    }

    @Override
    public Class<JwtCredential> credentialType() {
        return JwtCredential.class;
    }

    @Override
    public List<ConfigError> validate(JwtAuthConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        int sources = count(config.secret(), config.publicKey(), config.publicKeyFile(), config.jwksUrl());
        if (sources != 1) {
            errors.add(new ConfigError("", "give exactly one of secret, public-key, public-key-file and jwks-url"
                    + (sources == 0 ? "" : ", not " + sources)));
        }
        algorithms(config, errors);
        if (config.secret() != null && config.secret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            errors.add(new ConfigError("secret", "must be at least " + MIN_SECRET_BYTES + " bytes (RFC 7518, 3.2)"));
        }
        if (config.publicKey() != null) {
            pem("public-key", config.publicKey(), errors);
        }
        if (config.publicKeyFile() != null) {
            try {
                pem("public-key-file", Files.readString(config.publicKeyFile()), errors);
            } catch (IOException e) {
                errors.add(new ConfigError("public-key-file", "cannot be read (" + e.getClass().getSimpleName() + ")"));
            }
        }
        if (config.jwksUrl() != null) {
            jwksUrl(config.jwksUrl(), errors);
        }
        positive("jwks-cache-ttl", config.jwksCacheTtl(), errors);
        positive("jwks-timeout", config.jwksTimeout(), errors);
        if (config.jwksRefetchInterval().isNegative()) {
            errors.add(new ConfigError("jwks-refetch-interval", "must not be negative"));
        }
        if (config.clockSkew().isNegative() || config.clockSkew().compareTo(Duration.ofMinutes(10)) > 0) {
            errors.add(new ConfigError("clock-skew", "must be 0s to 10m"));
        }
        if (config.consumerClaim().isBlank()) {
            errors.add(new ConfigError("consumer-claim", "must not be blank"));
        }
        if (config.maxTokenSize() < 256 || config.maxTokenSize() > 1_048_576) {
            errors.add(new ConfigError("max-token-size", "must be 256 to 1048576, got " + config.maxTokenSize()));
        }
        errors.addAll(BearerTokens.scopeProblems(config.scopes()));
        errors.addAll(ClaimHeaders.problems(config.forwardClaims()));
        return errors;
    }

    private static void algorithms(JwtAuthConfig config, List<ConfigError> errors) {
        if (config.algorithms().isEmpty()) {
            errors.add(new ConfigError("algorithms", "is required: list the algorithms this route accepts, such as [RS256]"));
            return;
        }
        boolean hmacKey = config.secret() != null;
        for (int i = 0; i < config.algorithms().size(); i++) {
            String name = config.algorithms().get(i);
            String at = "algorithms[" + i + "]";
            if ("none".equalsIgnoreCase(name)) {
                errors.add(new ConfigError(at, "\"none\" means unsigned tokens and is never accepted"));
            } else if (!Algorithms.isSupported(name)) {
                errors.add(new ConfigError(at, "\"" + name + "\" is not supported; use one of " + Algorithms.SUPPORTED));
            } else if (Algorithms.HMAC.contains(JWSAlgorithm.parse(name)) != hmacKey) {
                // one route, one family: an HMAC algorithm next to a public key is the classic confusion attack
                errors.add(new ConfigError(at, hmacKey
                        ? "\"" + name + "\" needs a public key; a secret verifies HS256, HS384 and HS512 only"
                        : "\"" + name + "\" needs a secret; public keys verify RS, PS, ES and EdDSA only"));
            }
        }
    }

    private static void pem(String key, String pem, List<ConfigError> errors) {
        try {
            PemKeys.parse(pem);
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(key, e.getMessage()));
        }
    }

    private static void jwksUrl(String url, List<ConfigError> errors) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new ConfigError("jwks-url", "must be an absolute http:// or https:// URL"));
            }
        } catch (URISyntaxException e) {
            errors.add(new ConfigError("jwks-url", "is not a valid URL (" + e.getReason() + ")"));
        }
    }

    private static void positive(String key, Duration value, List<ConfigError> errors) {
        if (value.isNegative() || value.isZero()) {
            errors.add(new ConfigError(key, "must be more than 0"));
        }
    }

    private static int count(Object... values) {
        int count = 0;
        for (Object value : values) {
            count += value == null ? 0 : 1;
        }
        return count;
    }

    @Override
    public List<ConfigError> validateCredential(JwtCredential credential) {
        if (credential.subject() == null || credential.subject().isBlank()) {
            return List.of(new ConfigError("subject", "must not be blank"));
        }
        return List.of();
    }

    @Override
    public Object credentialIdentity(JwtCredential credential) {
        return credential.subject();
    }

    @Override
    public Authenticator authenticator(JwtAuthConfig config, List<Credential<JwtCredential>> credentials,
                                       PluginContext context) {
        return new JwtAuthenticator(config, keySource(config, Ticker.systemTicker()), credentials, context.logger());
    }

    static KeySource keySource(JwtAuthConfig config, Ticker ticker) {
        if (config.secret() != null) {
            byte[] secret = config.secret().getBytes(StandardCharsets.UTF_8);
            return new KeySource.Fixed(new JWKSet(new OctetSequenceKey.Builder(Base64URL.encode(secret)).build()));
        }
        if (config.jwksUrl() != null) {
            return new JwksKeys(URI.create(config.jwksUrl()), config.jwksCacheTtl(), config.jwksRefetchInterval(),
                    config.jwksTimeout(), ticker);
        }
        try {
            String pem = config.publicKey() != null ? config.publicKey() : Files.readString(config.publicKeyFile());
            return new KeySource.Fixed(new JWKSet(PemKeys.parse(pem)));
        } catch (IOException e) {
            throw new IllegalStateException("public-key-file became unreadable after validation", e);
        }
    }
}
