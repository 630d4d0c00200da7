package io.turnpike.plugins.keyauth;

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
 * {@code key-auth}: recognises a consumer by an API key, in the manner of Kong's plugin of the same name.
 * See {@code docs/plugins/key-auth.md}.
 */
@Extension
public final class KeyAuthPlugin implements AuthenticationPlugin<KeyAuthConfig, KeyCredential> {

    /** The name routes and consumers' credentials use. */
    public static final String NAME = "key-auth";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern REALM = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]*");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<KeyAuthConfig> configType() {
        return KeyAuthConfig.class;
    }

    @Override
    public Class<KeyCredential> credentialType() {
        return KeyCredential.class;
    }

    @Override
    public List<ConfigError> validate(KeyAuthConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (!TOKEN.matcher(config.header()).matches()) {
            errors.add(new ConfigError("header", "must be a header name, got \"" + config.header() + "\""));
        }
        if (config.queryParam() != null && config.queryParam().isBlank()) {
            errors.add(new ConfigError("query-param", "must not be blank; leave it out to accept keys in the header only"));
        }
        if (!REALM.matcher(config.realm()).matches()) {
            errors.add(new ConfigError("realm", "may hold printable ASCII without '\"' and '\\'"));
        }
        return errors;
    }

    @Override
    public List<ConfigError> validateCredential(KeyCredential credential) {
        if (credential.key() == null || credential.key().isBlank()) {
            return List.of(new ConfigError("key", "must not be blank"));
        }
        return List.of();
    }

    @Override
    public Object credentialIdentity(KeyCredential credential) {
        return credential.key();
    }

    @Override
    public Authenticator authenticator(KeyAuthConfig config, List<Credential<KeyCredential>> credentials,
                                       PluginContext context) {
        return new KeyAuthenticator(config, credentials);
    }
}
