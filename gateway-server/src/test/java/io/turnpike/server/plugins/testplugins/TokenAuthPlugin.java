package io.turnpike.server.plugins.testplugins;

import java.util.List;
import java.util.Optional;

import io.turnpike.api.AuthResult;
import io.turnpike.api.AuthenticationPlugin;
import io.turnpike.api.Authenticator;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Credential;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * An authentication plugin for tests: the credential is the {@code header} value; {@code "lie"} makes it
 * claim a consumer it holds no credential of, {@code "forbidden"} gives a forbidden result.
 */
@Extension
public final class TokenAuthPlugin implements AuthenticationPlugin<TokenAuthPlugin.Config, TokenAuthPlugin.Token> {

    /**
     * @param header the header to read, default X-Token
     */
    public record Config(String header) {
        public Config {
            header = header == null ? "X-Token" : header;
        }
    }

    /**
     * @param value the token
     */
    public record Token(String value) {
    }

    @Override
    public String name() {
        return "token";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Class<Token> credentialType() {
        return Token.class;
    }

    @Override
    public List<ConfigError> validateCredential(Token token) {
        return token.value() == null || token.value().isBlank() ? List.of(new ConfigError("value", "must not be blank")) : List.of();
    }

    @Override
    public Object credentialIdentity(Token token) {
        return token.value();
    }

    @Override
    public Authenticator authenticator(Config config, List<Credential<Token>> credentials, PluginContext context) {
        return new Authenticator() {
            @Override
            public AuthResult authenticate(io.turnpike.api.Request request, io.turnpike.api.Exchange exchange) {
                Optional<String> presented = request.headers().first(config.header());
                if (presented.isEmpty()) {
                    return AuthResult.noCredential();
                }
                if (presented.get().equals("lie")) {
                    return AuthResult.authenticated("nobody-declared", request);
                }
                if (presented.get().equals("forbidden")) {
                    return AuthResult.forbidden("Not with this token.");
                }
                if (presented.get().equals("forbidden-saying-why")) {
                    return AuthResult.forbidden("Not with this token.", "Token error=\"too_little\"");
                }
                if (presented.get().equals("expired")) {
                    return AuthResult.invalid("Token error=\"expired\"");
                }
                return credentials.stream().filter(c -> c.value().value().equals(presented.get())).findFirst()
                        .map(c -> AuthResult.authenticated(c.consumer(), request.withHeaders(request.headers().without(config.header()))))
                        .orElse(AuthResult.invalid());
            }

            @Override
            public Optional<String> challenge() {
                return Optional.of("Token header=\"" + config.header() + "\"");
            }
        };
    }
}
