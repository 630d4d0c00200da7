package io.turnpike.plugins.basicauth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.turnpike.api.AuthenticationPlugin;
import io.turnpike.api.Authenticator;
import io.turnpike.api.ConfigError;
import io.turnpike.api.Credential;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code basic-auth}: recognises a consumer by HTTP Basic credentials (RFC 7617), in the manner of Kong's
 * plugin of the same name. See {@code docs/plugins/basic-auth.md}.
 */
@Extension
public final class BasicAuthPlugin implements AuthenticationPlugin<BasicAuthConfig, BasicCredential> {

    /** The name routes and consumers' credentials use. */
    public static final String NAME = "basic-auth";

    private static final Pattern REALM = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]*");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<BasicAuthConfig> configType() {
        return BasicAuthConfig.class;
    }

    @Override
    public Class<BasicCredential> credentialType() {
        return BasicCredential.class;
    }

    @Override
    public List<ConfigError> validate(BasicAuthConfig config) {
        if (!REALM.matcher(config.realm()).matches()) {
            return List.of(new ConfigError("realm", "may hold printable ASCII without '\"' and '\\'"));
        }
        return List.of();
    }

    @Override
    public List<ConfigError> validateCredential(BasicCredential credential) {
        List<ConfigError> errors = new ArrayList<>();
        if (credential.username() == null || credential.username().isBlank()) {
            errors.add(new ConfigError("username", "must not be blank"));
        } else if (credential.username().indexOf(':') >= 0) {
            errors.add(new ConfigError("username", "must not contain ':' (RFC 7617 cannot carry it)"));
        }
        if (credential.password() == null || credential.password().isEmpty()) {
            errors.add(new ConfigError("password", "must not be empty"));
        } else {
            try {
                StoredPassword.parse(credential.password());
            } catch (IllegalArgumentException e) {
                // parse's messages describe the expected shape and never quote the value
                errors.add(new ConfigError("password", e.getMessage()));
            }
        }
        return errors;
    }

    @Override
    public Object credentialIdentity(BasicCredential credential) {
        return credential.username();
    }

    @Override
    public Authenticator authenticator(BasicAuthConfig config, List<Credential<BasicCredential>> credentials,
                                       PluginContext context) {
        return new BasicAuthenticator(config, credentials);
    }
}
