package io.turnpike.plugins.cors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.turnpike.api.ConfigError;
import io.turnpike.api.Filter;
import io.turnpike.api.GatewayPlugin;
import io.turnpike.api.Phase;
import io.turnpike.api.PluginContext;
import org.pf4j.Extension;

/**
 * {@code cors}: lets pages of the origins a route names call it from a browser, by the CORS protocol of the
 * Fetch standard. See {@code docs/plugins/cors.md}.
 */
@Extension
public final class CorsPlugin implements GatewayPlugin<CorsConfig> {

    /** The name routes use. */
    public static final String NAME = "cors";

    /** Browsers keep a preflight's answer for at most a day (Firefox), most for less (Chromium: two hours). */
    private static final Duration LONGEST_MAX_AGE = Duration.ofDays(1);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<CorsConfig> configType() {
        return CorsConfig.class;
    }

    /** First: a preflight carries no credentials, so it must be answered before authentication refuses it. */
    @Override
    public Phase phase() {
        return Phase.ACCESS_CONTROL;
    }

    @Override
    public List<ConfigError> validate(CorsConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        if (config.origins().isEmpty()) {
            errors.add(new ConfigError("origins", "must name at least one origin, such as https://app.example.com,"
                    + " or '*' for any"));
        }
        for (int i = 0; i < config.origins().size(); i++) {
            String problem = AllowedOrigins.problem(config.origins().get(i));
            if (problem != null) {
                errors.add(new ConfigError("origins[" + i + "]", problem));
            }
        }
        if (config.credentials() && config.origins().contains("*")) {
            errors.add(new ConfigError("credentials", "cannot be true with origins '*': any site could then read"
                    + " its visitors' answers with their cookies; list the origins instead"));
        }
        if (config.methods().isEmpty()) {
            errors.add(new ConfigError("methods", "must name at least one method"));
        }
        names("methods", config.methods(), errors);
        if (config.headers() != null) {
            names("headers", config.headers(), errors);
        }
        names("exposed-headers", config.exposedHeaders(), errors);
        if (config.maxAge().isNegative() || config.maxAge().compareTo(LONGEST_MAX_AGE) > 0) {
            errors.add(new ConfigError("max-age", "must be 0s to 24h"));
        }
        return errors;
    }

    /** Methods and field names are both tokens (RFC 9110 section 5.6.2); a comma would split the lists sent. */
    private static void names(String key, List<String> names, List<ConfigError> errors) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !TOKEN.matcher(name).matches()) {
                errors.add(new ConfigError(key + "[" + i + "]", "'" + name + "' is not a valid name"));
            }
        }
    }

    @Override
    public Filter create(CorsConfig config, PluginContext context) {
        return new CorsFilter(config);
    }
}
