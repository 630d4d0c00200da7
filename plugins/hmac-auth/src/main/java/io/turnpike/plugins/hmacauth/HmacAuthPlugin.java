package io.turnpike.plugins.hmacauth;

import java.time.Clock;
import java.time.Duration;
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
 * {@code hmac-auth}: recognises a consumer by an HMAC signature over the request, in the format of Kong's
 * plugin of the same name. See {@code docs/plugins/hmac-auth.md}.
 */
@Extension
public final class HmacAuthPlugin implements AuthenticationPlugin<HmacAuthConfig, HmacCredential> {

    /** The name routes and consumers' credentials use. */
    public static final String NAME = "hmac-auth";

    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);
    static final int MAX_BODY_SIZE = 64 * 1024 * 1024;
    private static final Pattern REALM = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]*");
    /** A lower-case field name (RFC 9110's token), or one of the two pseudo-headers of the signing string. */
    private static final Pattern SIGNABLE = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+|@request-target");

    private final Clock clock;

    /** The plugin as PF4J makes it, on the system clock. */
    public HmacAuthPlugin() {
        this(Clock.systemUTC());
    }

    HmacAuthPlugin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<HmacAuthConfig> configType() {
        return HmacAuthConfig.class;
    }

    @Override
    public Class<HmacCredential> credentialType() {
        return HmacCredential.class;
    }

    @Override
    public List<ConfigError> validate(HmacAuthConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.clockSkew().isNegative() || config.clockSkew().isZero()
                || config.clockSkew().compareTo(MAX_CLOCK_SKEW) > 0) {
            errors.add(new ConfigError("clock-skew", "must be more than 0 and at most 1h, got "
                    + config.clockSkew().toSeconds() + "s"));
        }
        if (config.algorithms().isEmpty()) {
            errors.add(new ConfigError("algorithms", "must name at least one algorithm"));
        }
        for (int i = 0; i < config.algorithms().size(); i++) {
            String label = config.algorithms().get(i);
            if (label == null || HmacAlgorithm.byLabel(label).isEmpty()) {
                errors.add(new ConfigError("algorithms[" + i + "]", "must be one of hmac-sha1, hmac-sha256,"
                        + " hmac-sha384 and hmac-sha512, got " + (label == null ? "nothing" : "\"" + label + "\"")));
            }
        }
        for (int i = 0; i < config.enforceHeaders().size(); i++) {
            String header = config.enforceHeaders().get(i);
            if (header == null || !(SIGNABLE.matcher(header).matches() || header.equals(SigningString.REQUEST_LINE))) {
                errors.add(new ConfigError("enforce-headers[" + i + "]", "must be a header name in lower case,"
                        + " @request-target or request-line, got " + (header == null ? "nothing" : "\"" + header + "\"")));
            }
        }
        if (config.maxBodySize() < 1 || config.maxBodySize() > MAX_BODY_SIZE) {
            errors.add(new ConfigError("max-body-size", "must be 1 to " + MAX_BODY_SIZE + " bytes, got "
                    + config.maxBodySize()));
        }
        if (!REALM.matcher(config.realm()).matches()) {
            errors.add(new ConfigError("realm", "may hold printable ASCII without '\"' and '\\'"));
        }
        return errors;
    }

    @Override
    public List<ConfigError> validateCredential(HmacCredential credential) {
        List<ConfigError> errors = new ArrayList<>();
        if (credential.username() == null || credential.username().isBlank()) {
            errors.add(new ConfigError("username", "must not be blank"));
        } else if (credential.username().indexOf('"') >= 0 || credential.username().indexOf('\\') >= 0) {
            errors.add(new ConfigError("username", "must not contain '\"' or '\\'"));
        }
        if (credential.secret() == null || credential.secret().isEmpty()) {
            errors.add(new ConfigError("secret", "must not be empty"));
        }
        return errors;
    }

    @Override
    public Object credentialIdentity(HmacCredential credential) {
        return credential.username();
    }

    @Override
    public Authenticator authenticator(HmacAuthConfig config, List<Credential<HmacCredential>> credentials,
                                       PluginContext context) {
        return new HmacAuthenticator(config, credentials, clock);
    }
}
